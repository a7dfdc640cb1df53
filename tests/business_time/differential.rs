//! `qualify eval` against the reference (reference.rs) on generated leads:
//! seven calendars (Istanbul; New York on weekdays; New York also open on
//! weekend nights, so both daylight-saving changes fall inside open hours
//! and Saturday's 24:00 touches Sunday's 00:00; New York with a Sunday
//! range that opens inside the spring gap; Sydney, southern hemisphere,
//! open on Sunday nights across both its changes; Berlin with a split day
//! and Saturday mornings, written with commas and again as two `hours`
//! lines), holidays, six SLAs each (4 business hours, 90 business minutes,
//! 1 and 2 business days, 333 business hours, plain 36 hours), starts on
//! openings and closings (and a nanosecond either side), at daylight-saving
//! changes, on holidays and weekends, with fractions of a second; ends
//! missing, before the start, on the due and a nanosecond either side.
//! Status, due and elapsed time must all be equal.

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::common::TempDir;
use super::reference::{Office, Reference, instant, nanos};

const SECOND: i128 = 1_000_000_000;
const HOUR: i128 = 3_600 * SECOND;
const LEADS: usize = 700;
const AS_OF: &str = "2026-12-18T15:04:05.5Z";

/// Days Monday = 0 … Sunday = 6.
const WEEKDAYS: [usize; 5] = [0, 1, 2, 3, 4];

fn offices() -> Vec<Office> {
    let berlin_holidays = vec![
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 12, 25),
    ];
    vec![
        Office {
            name: "istanbul",
            zone: "Europe/Istanbul",
            hours: vec![(WEEKDAYS.to_vec(), vec![(9, 0, 18, 0)])],
            holidays: vec![
                date(2026, 4, 23),
                date(2026, 5, 1),
                date(2026, 5, 19),
                date(2026, 7, 15),
                date(2026, 10, 29),
            ],
        },
        Office {
            name: "new_york",
            zone: "America/New_York",
            hours: vec![(WEEKDAYS.to_vec(), vec![(8, 30, 17, 0)])],
            holidays: vec![
                date(2026, 5, 25),
                date(2026, 7, 3),
                date(2026, 9, 7),
                date(2026, 11, 26),
            ],
        },
        Office {
            name: "new_york_nights",
            zone: "America/New_York",
            hours: vec![
                (WEEKDAYS.to_vec(), vec![(9, 0, 17, 0)]),
                (vec![5, 6], vec![(0, 0, 6, 0)]),
                (vec![5], vec![(22, 0, 24, 0)]),
            ],
            holidays: vec![date(2026, 7, 3)],
        },
        Office {
            name: "new_york_gap",
            zone: "America/New_York",
            hours: vec![
                (WEEKDAYS.to_vec(), vec![(9, 0, 17, 0)]),
                (vec![6], vec![(1, 0, 2, 30), (3, 0, 5, 0)]),
            ],
            holidays: vec![],
        },
        Office {
            name: "sydney",
            zone: "Australia/Sydney",
            hours: vec![
                (WEEKDAYS.to_vec(), vec![(9, 0, 17, 30)]),
                (vec![6], vec![(0, 0, 5, 0)]),
            ],
            holidays: vec![
                date(2026, 1, 26),
                date(2026, 4, 3),
                date(2026, 4, 6),
                date(2026, 12, 25),
            ],
        },
        Office {
            name: "berlin_commas",
            zone: "Europe/Berlin",
            hours: vec![
                (WEEKDAYS.to_vec(), vec![(9, 0, 12, 0), (13, 0, 17, 0)]),
                (vec![5], vec![(10, 0, 14, 0)]),
            ],
            holidays: berlin_holidays.clone(),
        },
        Office {
            name: "berlin_lines",
            zone: "Europe/Berlin",
            hours: vec![
                (WEEKDAYS.to_vec(), vec![(9, 0, 12, 0)]),
                (WEEKDAYS.to_vec(), vec![(13, 0, 17, 0)]),
                (vec![5], vec![(10, 0, 14, 0)]),
            ],
            holidays: berlin_holidays,
        },
    ]
}

#[derive(Clone, Copy)]
enum Limit {
    Office(i128),
    Days(u32),
    Plain(i128),
}

/// (name, end field, `within` line, limit)
const SLAS: [(&str, &str, &str, Limit); 6] = [
    (
        "4h",
        "end_4h",
        "4 business hours on office",
        Limit::Office(4 * HOUR),
    ),
    (
        "90m",
        "end_90m",
        "90 business minutes on office",
        Limit::Office(90 * 60 * SECOND),
    ),
    ("1d", "end_1d", "1 business day on office", Limit::Days(1)),
    ("2d", "end_2d", "2 business days on office", Limit::Days(2)),
    (
        "333h",
        "end_333h",
        "333 business hours on office",
        Limit::Office(333 * HOUR),
    ),
    ("36h", "end_36h", "36 hours", Limit::Plain(36 * HOUR)),
];

fn policy(office: &Office) -> String {
    let days = |days: &[usize]| -> String {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        days.iter()
            .map(|day| names[*day])
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = String::from(
        "policy \"Differential\" { version \"1\" party sales \"S\" }\n\nfields {\n  id text key\n  start time\n",
    );
    for (_, end, _, _) in SLAS {
        text.push_str(&format!("  {end} time?\n"));
    }
    text.push_str(&format!(
        "}}\n\ncalendar office {{\n  timezone \"{}\"\n",
        office.zone
    ));
    for (on, ranges) in &office.hours {
        let ranges: Vec<String> = ranges
            .iter()
            .map(|(h1, m1, h2, m2)| format!("{h1:02}:{m1:02}-{h2:02}:{m2:02}"))
            .collect();
        text.push_str(&format!("  hours {} {}\n", days(on), ranges.join(", ")));
    }
    for holiday in &office.holidays {
        text.push_str(&format!("  holiday {holiday}\n"));
    }
    text.push_str("}\n");
    for (name, end, within, _) in SLAS {
        text.push_str(&format!(
            "\nsla \"{name}\" {{\n  owner sales\n  from start to {end}\n  within {within}\n}}\n"
        ));
    }
    text
}

/// xorshift64*: the same leads on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A fraction of a second, or none, in nanoseconds.
    fn fraction(&mut self) -> i128 {
        match self.below(3) {
            0 => 0,
            1 => i128::from(self.below(10)) * SECOND / 10,
            _ => i128::from(self.below(1_000_000_000)),
        }
    }
}

/// What the reference expects of one SLA.
struct Expected {
    status: &'static str,
    due: i128,
    elapsed: i128,
}

fn expected(
    reference: &Reference,
    limit: Limit,
    start: i128,
    end: Option<i128>,
    now: i128,
) -> Expected {
    let until = end.unwrap_or(now);
    let (due, elapsed, over) = match limit {
        Limit::Office(limit) => {
            let due = reference.due_after(start, limit);
            // The due is the last instant with no more than the limit of
            // open time: checked here against the definition itself.
            assert_eq!(reference.office_time(start, due), limit);
            assert!(reference.office_time(start, due + 1) > limit);
            let elapsed = reference.office_time(start, until);
            (due, elapsed, elapsed > limit)
        }
        Limit::Days(days) => {
            let due = reference.due_in_days(start, days);
            assert!(reference.is_open(due), "a due is never in closed time");
            (due, reference.office_time(start, until), until > due)
        }
        Limit::Plain(limit) => (
            (start + limit),
            (until - start).max(0),
            until - start > limit,
        ),
    };
    let status = match (end, over) {
        (Some(_), false) => "met",
        (Some(_), true) => "breached",
        (None, false) => "pending",
        (None, true) => "breached",
    };
    Expected {
        status,
        due,
        elapsed,
    }
}

/// "28h 1m 0.3s of office hours", "1d 4h": nanoseconds, and whether office time.
fn parse_elapsed(text: &str) -> (i128, bool) {
    let (text, office) = match text.strip_suffix(" of office hours") {
        Some(text) => (text, true),
        None => (text, false),
    };
    let total = text
        .split(' ')
        .map(|part| {
            let (amount, unit) = part.split_at(part.len() - 1);
            let whole = |amount: &str| amount.parse::<i128>().expect("amount");
            match unit {
                "d" => whole(amount) * 24 * HOUR,
                "h" => whole(amount) * HOUR,
                "m" => whole(amount) * 60 * SECOND,
                "s" => {
                    let (secs, fraction) = amount.split_once('.').unwrap_or((amount, ""));
                    let fraction = format!("{fraction:0<9}").parse::<i128>().expect("fraction");
                    whole(secs) * SECOND + fraction
                }
                _ => panic!("unknown unit in {text:?}"),
            }
        })
        .sum();
    (total, office)
}

/// The starts to try: anywhere, on an opening or closing and a nanosecond
/// either side, at a daylight-saving change, on a holiday, at a weekend,
/// and in the days before "now" (so some SLAs are still pending).
fn start(random: &mut Random, office: &Office, reference: &Reference, changes: &[i128]) -> i128 {
    let first = nanos(
        date(2026, 1, 5)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .expect("first")
            .timestamp(),
    );
    let year = 345 * 24 * HOUR;
    let now = nanos(AS_OF.parse::<Timestamp>().expect("as of"));
    let nudge = random.pick(&[0, 0, 1, -1, SECOND / 10 * 3, -SECOND]);
    let intervals = reference.intervals();
    let interval = intervals[random.below(intervals.len() as u64 / 2) as usize];
    match random.below(8) {
        0 | 1 => first + i128::from(random.below(year as u64)) + random.fraction(),
        2 => interval.0 + nudge,
        3 => interval.1 + nudge,
        4 if !changes.is_empty() => {
            random.pick(changes) + random.pick(&[0, 1, -1, HOUR / 2, -HOUR / 2, HOUR, -HOUR])
        }
        5 if !office.holidays.is_empty() => {
            let holiday: Date = random.pick(&office.holidays);
            reference.local(holiday, random.pick(&[0, 7, 9, 12, 17]), 0) + random.fraction()
        }
        6 => now - i128::from(random.below(5 * 24 * 3_600)) * SECOND + random.fraction(),
        _ => {
            let saturday = date(2026, 1, 10)
                .checked_add(jiff::Span::new().weeks(random.below(48) as i64))
                .expect("saturday");
            let day = saturday
                .checked_add(jiff::Span::new().days(random.below(2) as i64))
                .expect("day");
            reference.local(day, random.below(24) as i8, random.pick(&[0, 30, 59]))
                + random.fraction()
        }
    }
}

/// The end to try for one SLA: missing, before the start, on the due and a
/// nanosecond either side, at the start or the clock's start, or anywhere
/// in the next few days.
fn end(random: &mut Random, reference: &Reference, limit: Limit, start: i128) -> Option<i128> {
    let due = match limit {
        Limit::Office(limit) => reference.due_after(start, limit),
        Limit::Days(days) => reference.due_in_days(start, days),
        Limit::Plain(limit) => start + limit,
    };
    let later = |random: &mut Random| {
        start + i128::from(random.below(6 * 24 * 3_600)) * SECOND + random.fraction()
    };
    match random.below(10) {
        0 => None,
        1 => Some(start - i128::from(random.below(2 * 24 * 3_600)) * SECOND - 1),
        2 => Some(due),
        3 => Some(due - 1),
        4 => Some(due + 1),
        5 => Some(start),
        6 => Some(reference.clock_start(start)),
        _ => Some(later(random)),
    }
}

fn text(at: i128) -> String {
    instant(at).to_string()
}

#[test]
fn eval_agrees_with_the_reference() {
    let now = nanos(AS_OF.parse::<Timestamp>().expect("as of"));
    let dir = TempDir::new("business-time-differential");
    let (mut compared, mut closing, mut before_opening) = (0, 0, 0);
    let mut slas_by_office = Vec::new();
    for office in offices() {
        let reference = Reference::new(&office, date(2025, 12, 20), date(2028, 3, 1));
        let changes = reference.changes(date(2026, 1, 1), date(2027, 1, 1));
        // Seeded by the zone, so both ways of writing Berlin's hours get
        // the same leads.
        let seed = office
            .zone
            .bytes()
            .fold(0x9E37_79B9_7F4A_7C15_u64, |seed, byte| {
                (seed ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
            });
        let mut random = Random(seed);
        let mut csv = String::from("id,start");
        for (_, end, _, _) in SLAS {
            csv.push_str(&format!(",{end}"));
        }
        csv.push('\n');
        let mut leads = Vec::new();
        for index in 0..LEADS {
            let start = start(&mut random, &office, &reference, &changes);
            let ends: Vec<Option<i128>> = SLAS
                .iter()
                .map(|(_, _, _, limit)| end(&mut random, &reference, *limit, start))
                .collect();
            csv.push_str(&format!("L-{index},{}", text(start)));
            for end in &ends {
                csv.push(',');
                csv.push_str(&end.map(text).unwrap_or_default());
            }
            csv.push('\n');
            leads.push((start, ends));
        }
        let policy = dir.write(&format!("{}.qual", office.name), &policy(&office));
        let leads_file = dir.write(&format!("{}.csv", office.name), &csv);
        let output = dir.qualify(&[
            "eval",
            "--as-of",
            AS_OF,
            &policy.display().to_string(),
            &leads_file.display().to_string(),
        ]);
        let stdout = super::common::succeeded(&output);
        let results: Vec<serde_json::Value> = stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("JSON"))
            .collect();
        assert_eq!(results.len(), LEADS, "{}: one result per lead", office.name);
        for (result, (start, ends)) in results.iter().zip(&leads) {
            for ((name, _, _, limit), end) in SLAS.iter().zip(ends) {
                let got = &result["sla"][name];
                let want = expected(&reference, *limit, *start, *end, now);
                let case = format!(
                    "{} SLA {name}, start {}, end {:?}: {got}",
                    office.name,
                    text(*start),
                    end.map(text)
                );
                assert_eq!(got["status"], want.status, "{case}");
                let due: Timestamp = got["due"].as_str().expect("due").parse().expect("due");
                assert_eq!(nanos(due), want.due, "{case}");
                let (elapsed, office_time) =
                    parse_elapsed(got["elapsed"].as_str().expect("elapsed"));
                assert_eq!(elapsed, want.elapsed, "{case}");
                assert_eq!(office_time, !matches!(limit, Limit::Plain(_)), "{case}");
                // The readings agree: for a limit in office time, met is
                // elapsed within the limit, whatever the due.
                if let (Limit::Office(limit), Some(_)) = (limit, end) {
                    assert_eq!(want.status == "met", elapsed <= *limit, "{case}");
                    if reference.office_time(*start, want.due) == *limit
                        && !reference.is_open(want.due - 1)
                    {
                        closing += 1;
                        before_opening += usize::from(end.is_some_and(|end| end == want.due - 1));
                    }
                }
                compared += 1;
            }
        }
        let slas: Vec<serde_json::Value> =
            results.iter().map(|result| result["sla"].clone()).collect();
        slas_by_office.push((office.name, slas));
    }
    // The two ways of writing Berlin's split day are one calendar.
    let berlin = |name: &str| {
        slas_by_office
            .iter()
            .find(|(office, _)| *office == name)
            .map(|(_, slas)| slas)
            .expect("berlin")
    };
    assert_eq!(berlin("berlin_commas"), berlin("berlin_lines"));
    assert_eq!(compared, offices().len() * LEADS * SLAS.len());
    assert!(
        closing > 20,
        "only {closing} limits used up exactly at a closing time"
    );
    assert!(before_opening > 0, "no reply just before the next opening");
}
