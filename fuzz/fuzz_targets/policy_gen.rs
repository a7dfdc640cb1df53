//! Policies generated from a small model of the language, so the fuzzer
//! spends its time past the parser: every kind of item, conditions typed by
//! the fields they test, defines that use defines written before and after
//! them, `after` graphs, scoped and unscoped undesirables, SLAs on
//! calendars, and a `repeat` knob for long chains and big lists.
//!
//! Each policy goes through `qualify check`'s path and the formatter's
//! round trip (the `check` and `format` targets' oracles). Its generated
//! leads are written twice: as examples in the policy and as a CSV export.
//! The export goes through the `records` target's oracles, and each lead
//! must come out of it as the example runner sees it: valid or invalid
//! alike, with the same outcome.
//!
//! With `QUALIFY_FUZZ_STATS` set, prints how many policies check (the
//! generator's worth: see fuzz/README.md); with `QUALIFY_FUZZ_SHOW` set,
//! prints each policy and its leads (to see what a crash input generates).
#![no_main]

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qualify::records::InputFormat;

/// The most a `repeat` knob repeats items that each cost qualify work
/// per lead (rules, fields, leads, list entries): thousands of them take
/// seconds in the instrumented build.
const MAX_REPEAT: usize = 3000;
/// The most it repeats a chain (defines, `after` stages): chains far
/// longer than the depth from which qualify works items out in dependency
/// order instead of by recursion (16), as issue #14's 30,000 defines were.
const MAX_CHAIN: usize = 30_000;
/// Deeper conditions are cut short (the language allows 96 levels; the
/// parser's own limit is fuzzed by the `check` target).
const MAX_DEPTH: usize = 12;

#[derive(Arbitrary, Debug)]
struct Model {
    fields: Vec<FieldModel>,
    lists: Vec<ListModel>,
    defines: Vec<DefineModel>,
    undesirables: Vec<UndesirableModel>,
    scores: Vec<ScoreModel>,
    stages: Vec<StageModel>,
    calendars: Vec<CalendarModel>,
    slas: Vec<SlaModel>,
    targets: Vec<TargetModel>,
    leads: Vec<LeadModel>,
    examples: Vec<ExampleModel>,
    repeat: Repeat,
    /// Name fields with words of the language that are not reserved.
    keyword_names: bool,
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Ty {
    Text,
    Email,
    Number,
    Bool,
    Date,
    Time,
    /// `one of` this many values (1 to 4).
    OneOf(u8),
    List,
}

#[derive(Arbitrary, Debug)]
struct FieldModel {
    ty: Ty,
    optional: bool,
    described: bool,
    set_by_sales: bool,
}

#[derive(Arbitrary, Debug)]
struct ListModel {
    numbers: bool,
    entries: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct DefineModel {
    /// Where it is written among the defines (it uses only defines of a
    /// lower index, wherever they are written, so there is no cycle).
    place: u16,
    described: bool,
    condition: Cond,
}

#[derive(Arbitrary, Debug)]
enum Cond {
    /// A test of a field, in a form that suits its type.
    Test {
        field: u8,
        form: u8,
        a: u8,
        b: u8,
    },
    Define(u8),
    Score {
        score: u8,
        form: u8,
        value: i16,
    },
    Stage(u8),
    Literal(bool),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Arbitrary, Debug)]
struct UndesirableModel {
    blocks: Vec<u8>,
    condition: Cond,
}

#[derive(Arbitrary, Debug)]
struct ScoreModel {
    described: bool,
    cap: Option<u8>,
    rules: Vec<RuleModel>,
}

#[derive(Arbitrary, Debug)]
struct RuleModel {
    points: i8,
    per: Option<(u8, Option<u8>)>,
    condition: Cond,
    described: bool,
}

#[derive(Arbitrary, Debug)]
struct StageModel {
    owner: Option<bool>,
    after: Vec<u8>,
    criteria: Vec<(Cond, bool)>,
}

#[derive(Arbitrary, Debug)]
struct CalendarModel {
    timezone: u8,
    hours: Vec<(u8, u8, u8)>,
    holidays: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct SlaModel {
    sales: bool,
    applies: Option<Cond>,
    from: u8,
    to: u8,
    amount: u8,
    unit: u8,
    business: bool,
    calendar: u8,
    goal: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct TargetModel {
    volume: bool,
    amount: u8,
    first: u8,
    second: u8,
    period: u8,
    within: Option<u8>,
}

/// A lead: a value (or nothing) for each field, by index.
#[derive(Arbitrary, Debug)]
struct LeadModel {
    values: Vec<Option<u8>>,
}

/// An example written for its own sake: `like` another, other values,
/// expectations that may or may not hold.
#[derive(Arbitrary, Debug)]
struct ExampleModel {
    like: Option<u8>,
    values: Vec<(u8, Option<u8>)>,
    as_of: Option<u8>,
    expectations: Vec<(u8, u8, i8)>,
}

/// Repeats `what` up to `2^scale` times (`times` picks how many), up to
/// 256 for most inputs and up to `MAX_REPEAT` (chains: `MAX_CHAIN`) for
/// one in sixteen: a policy of thousands of items takes seconds in the
/// instrumented build, and would otherwise take most of the fuzzing time.
#[derive(Arbitrary, Debug)]
struct Repeat {
    what: RepeatKind,
    scale: u8,
    times: u16,
}

#[derive(Arbitrary, Debug, PartialEq)]
enum RepeatKind {
    Nothing,
    /// `define chain_i = chain_(i-1) and …`, used by a stage.
    DefineChain,
    /// Stages each `after` the one before (and one further back).
    AfterChain,
    /// A list of that many texts and one of numbers, both used.
    BigList,
    /// That many number fields, added up in one condition.
    ManyFields,
    /// One score with that many rules.
    ManyRules,
    /// That many leads.
    ManyLeads,
}

const TEXTS: &[&str] = &[
    "v1",
    "VP",
    "Director",
    "a,b",
    "quote\"d",
    "İ",
    "ǅx",
    "",
    " padded ",
    "ünï",
    "x\\y",
    "tab\t",
    "gmail.com",
    "line\nbreak",
    "CEO",
];
const LIST_TEXTS: &[&str] = &["v1", "VP", "security", "Ünï", "ML", "x y", "İ"];
const NUMBERS: &[(&str, &str)] = &[
    ("0", "0"),
    ("1", "1"),
    ("5", "5"),
    ("42", "42"),
    ("800", "800"),
    ("4999.5", "4999.5"),
    ("1_000_000", "1000000"),
    ("0.3", "0.3"),
    ("-3", "-3"),
    ("100", "100"),
];
const DATES: &[&str] = &[
    "2026-01-01",
    "2026-03-02",
    "2019-12-31",
    "2024-02-29",
    "2026-02-28",
];
const TIMES: &[&str] = &[
    "2026-03-02T09:00:00Z",
    "2026-03-02T12:00:00+03:00",
    "2026-03-06T14:00:00.250Z",
    "2026-02-23T07:30:00-05:00",
    "2025-11-02T01:30:00Z",
    "2026-03-01T23:59:59Z",
];
const PATTERNS: &[&str] = &["^v[0-9]+$", "a|b", "(x+x+)+y", ".*", "[", "\\d", "^İ"];
const TIMEZONES: &[&str] = &[
    "UTC",
    "Europe/Istanbul",
    "America/Chicago",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Sao_Paulo",
    "Nowhere/Atlantis",
];
const DAYS: &[&str] = &[
    "mon-fri",
    "sat",
    "sun",
    "mon,wed",
    "tue-thu,sat",
    "mon-sun",
    "fri",
];
const KEYWORD_NAMES: &[&str] = &[
    "stage", "owner", "hours", "lead", "email", "date", "text", "score", "from", "order", "days",
];

fn pick<'a, T>(pool: &'a [T], seed: impl Into<usize>) -> &'a T {
    &pool[seed.into() % pool.len()]
}

/// A text in quotes, escaped as docs/language.md says.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Field {
    name: String,
    ty: Ty,
}

/// What a condition may use, by index: the defines, scores and stages
/// below these.
#[derive(Clone, Copy)]
struct Scope {
    defines: usize,
    scores: usize,
    stages: usize,
}

/// The policy as it is being written.
struct Writer {
    fields: Vec<Field>,
    /// (name, holds numbers)
    lists: Vec<(String, bool)>,
}

impl Writer {
    fn fields_of(&self, wanted: impl Fn(Ty) -> bool) -> Vec<&Field> {
        self.fields.iter().filter(|f| wanted(f.ty)).collect()
    }

    fn list(&self, numbers: bool, seed: u8) -> String {
        let named: Vec<&String> = (self.lists.iter())
            .filter(|(_, n)| *n == numbers)
            .map(|(name, _)| name)
            .collect();
        match (named.is_empty(), numbers) {
            (false, _) if seed % 4 != 0 => pick(&named, seed).to_string(),
            (_, true) => format!("[{}, 5, 42]", pick(NUMBERS, seed).0),
            (_, false) => format!("[{}, \"vp\"]", quoted(pick(TEXTS, seed))),
        }
    }

    /// A condition. A define may be used any number of times, however
    /// large it is: qualify compiles each define once and refers to it.
    fn condition(&self, cond: &Cond, scope: Scope, depth: usize) -> String {
        if depth > MAX_DEPTH {
            return "true".to_string();
        }
        match cond {
            Cond::Test { field, form, a, b } => self.test(*field, *form, *a, *b),
            Cond::Define(index) if scope.defines > 0 => {
                format!("d{}", usize::from(*index) % scope.defines)
            }
            Cond::Score { score, form, value } if scope.scores > 0 => {
                let score = usize::from(*score) % scope.scores;
                let op = pick(&[">=", "<", "==", "!="], *form);
                let other = if form % 5 == 4 && scope.scores > 1 {
                    format!(" + s{}", (score + 1) % scope.scores)
                } else {
                    String::new()
                };
                format!("s{score}{other} {op} {value}")
            }
            Cond::Stage(stage) if scope.stages > 0 => {
                format!("S{}", usize::from(*stage) % scope.stages)
            }
            Cond::Define(seed) | Cond::Stage(seed) | Cond::Score { score: seed, .. } => {
                self.test(*seed, *seed, *seed, 0)
            }
            Cond::Literal(value) => value.to_string(),
            Cond::Not(inner) => format!("not ({})", self.condition(inner, scope, depth + 1)),
            Cond::And(a, b) | Cond::Or(a, b) => {
                let word = if matches!(cond, Cond::And(..)) {
                    "and"
                } else {
                    "or"
                };
                let (a, b) = (
                    self.condition(a, scope, depth + 1),
                    self.condition(b, scope, depth + 1),
                );
                format!("({a}) {word} ({b})")
            }
        }
    }

    /// A test of a field, in a form that suits its type.
    fn test(&self, field: u8, form: u8, a: u8, b: u8) -> String {
        let f = pick(&self.fields, field);
        let name = &f.name;
        let text = quoted(pick(TEXTS, a));
        let number = pick(NUMBERS, a).0;
        match (form % 3, f.ty) {
            (0, _) if form % 9 == 0 => format!("{name} is present"),
            (0, _) if form % 9 == 3 => format!("{name} is missing"),
            (0, _) if form % 9 == 6 => format!("{name} is not missing"),
            _ => match f.ty {
                Ty::Bool => match form % 4 {
                    0 => name.clone(),
                    1 => format!("not {name}"),
                    2 => format!("{name} is true"),
                    _ => format!("{name} == false"),
                },
                Ty::Number => match form % 8 {
                    0 => format!("{name} > {number}"),
                    1 => format!("{name} <= {number}"),
                    2 => format!("{name} between {number} and {}", pick(NUMBERS, b).0),
                    3 => format!("{name} * 2 + {number} >= {}", pick(NUMBERS, b).0),
                    4 => format!("{name} in {}", self.list(true, b)),
                    5 => format!("{name} / {} < {number}", pick(NUMBERS, b).0),
                    6 => format!("-{name} < {number}"),
                    _ => format!("{name} >= {}%", a % 150),
                },
                Ty::Text | Ty::Email => match form % 10 {
                    0 => format!("{name} contains {text}"),
                    1 => format!("{name} starts with any {}", self.list(false, b)),
                    2 => format!("{name} ends with {text}"),
                    3 => format!("{name} in {}", self.list(false, b)),
                    4 => format!("{name} is {text}"),
                    5 => format!("{name} matches {}", quoted(pick(PATTERNS, b))),
                    6 => format!("lower({name}) == {text}"),
                    7 => format!("length({name}) < {}", a % 20),
                    8 if f.ty == Ty::Email => format!("domain({name}) in {}", self.list(false, b)),
                    _ => format!("{name} not in {}", self.list(false, b)),
                },
                Ty::OneOf(count) => {
                    let count = count % 4 + 1;
                    let value = format!("\"o{}\"", a % count);
                    match form % 3 {
                        0 => format!("{name} is {value}"),
                        1 => format!("{name} in [{value}, \"o0\"]"),
                        _ => format!("{name} != {value}"),
                    }
                }
                Ty::Date => match form % 3 {
                    0 => format!("{name} >= {}", pick(DATES, a)),
                    1 => format!("{name} within {} days", u16::from(a) * 2),
                    _ => format!("days_since({name}) > {}", a % 100),
                },
                Ty::Time => {
                    let times = self.fields_of(|ty| ty == Ty::Time);
                    let other = &pick(&times, b).name;
                    match form % 6 {
                        0 => format!("{name} within {} hours", a % 200),
                        1 => format!("now - {name} > {} days", a % 30),
                        2 => format!("{name} > {}", pick(TIMES, a)),
                        3 => format!("days_since({name}) >= {}", a % 10),
                        4 => format!("{name} - {other} <= {} hours", a % 48),
                        _ => format!("{name} < now - {} weeks", a % 5),
                    }
                }
                Ty::List => match form % 4 {
                    0 => format!("{name} contains {}", quoted(pick(LIST_TEXTS, a))),
                    1 => format!("count({name}) >= {}", a % 4),
                    2 => format!("length({name}) > {}", a % 4),
                    _ => format!("{name} contains any {}", self.list(false, b)),
                },
            },
        }
    }

    /// A lead value for `field` in an example, and as written in CSV.
    fn value(&self, field: &Field, seed: u8) -> (String, String) {
        let seed = usize::from(seed);
        match field.ty {
            Ty::Text | Ty::Email => {
                let text = pick(TEXTS, seed).to_string();
                let text = if field.ty == Ty::Email {
                    format!(
                        "{text}@{}",
                        pick(&["gmail.com", "Globex.example"], seed / 7)
                    )
                } else {
                    text
                };
                (quoted(&text), text)
            }
            Ty::Number => {
                let (written, csv) = pick(NUMBERS, seed);
                (written.to_string(), csv.to_string())
            }
            Ty::Bool => {
                let value = seed % 2 == 0;
                let csv = pick(&[["true", "false"], ["TRUE", "no"], ["yes", "0"]], seed / 2);
                (value.to_string(), csv[usize::from(!value)].to_string())
            }
            Ty::Date => (pick(DATES, seed).to_string(), pick(DATES, seed).to_string()),
            Ty::Time => (pick(TIMES, seed).to_string(), pick(TIMES, seed).to_string()),
            Ty::OneOf(count) => {
                let index = seed % (usize::from(count % 4) + 1);
                // CSV ignores case in `one of` values; examples do not.
                let csv = if seed % 3 == 0 {
                    format!("O{index}")
                } else {
                    format!("o{index}")
                };
                (format!("\"o{index}\""), csv)
            }
            Ty::List => {
                let entries: Vec<&str> = (0..seed % 3 + 1)
                    .map(|i| *pick(LIST_TEXTS, seed / 3 + i))
                    .collect();
                let written: Vec<String> = entries.iter().map(|e| quoted(e)).collect();
                (format!("[{}]", written.join(", ")), entries.join(";"))
            }
        }
    }
}

/// `terms` added up in a balanced tree of parentheses: a flat sum of more
/// than 96 terms nests deeper than the language allows.
fn sum(terms: &[String]) -> String {
    if terms.len() <= 8 {
        return terms.join(" + ");
    }
    let (left, right) = terms.split_at(terms.len() / 2);
    format!("({}) + ({})", sum(left), sum(right))
}

/// Writes the policy, and the leads as CSV (header and one row each).
fn write(model: &Model) -> (String, String, usize) {
    let Repeat { scale, times, .. } = model.repeat;
    let exponent = if scale >= 240 { 15 } else { scale % 9 };
    let most = match model.repeat.what {
        RepeatKind::DefineChain | RepeatKind::AfterChain => MAX_CHAIN,
        _ => MAX_REPEAT,
    };
    let repeat = (usize::from(times) % (1 << exponent)).min(most);
    let mut w = Writer {
        fields: vec![
            Field {
                name: "id".into(),
                ty: Ty::Text,
            },
            Field {
                name: "created_at".into(),
                ty: Ty::Time,
            },
            Field {
                name: "touched_at".into(),
                ty: Ty::Time,
            },
        ],
        lists: Vec::new(),
    };
    let mut out = String::from(
        "policy \"Generated\" {\n  version \"1\"\n  effective 2026-01-01\n  \
         party marketing \"M\"\n  party sales \"S\"\n}\n\nfields {\n  \
         id text key\n  created_at time\n  touched_at time? set by sales\n",
    );
    for (index, field) in model.fields.iter().enumerate() {
        let name = match KEYWORD_NAMES.get(index) {
            Some(word) if model.keyword_names => word.to_string(),
            _ => format!("f{index}"),
        };
        let ty = match field.ty {
            Ty::Text => "text".to_string(),
            Ty::Email => "email".to_string(),
            Ty::Number => "number".to_string(),
            Ty::Bool => "bool".to_string(),
            Ty::Date => "date".to_string(),
            Ty::Time => "time".to_string(),
            Ty::OneOf(count) => {
                let values: Vec<String> = (0..count % 4 + 1).map(|i| format!("\"o{i}\"")).collect();
                format!("one of [{}]", values.join(", "))
            }
            Ty::List => "list of text".to_string(),
        };
        let _ = writeln!(
            out,
            "  {name} {ty}{}{}{}",
            if field.optional { "?" } else { "" },
            if field.described { " \"A field\"" } else { "" },
            if field.set_by_sales {
                " set by sales"
            } else {
                ""
            },
        );
        w.fields.push(Field { name, ty: field.ty });
    }
    if model.repeat.what == RepeatKind::ManyFields {
        for i in 0..repeat {
            let _ = writeln!(out, "  wide{i} number?");
            w.fields.push(Field {
                name: format!("wide{i}"),
                ty: Ty::Number,
            });
        }
    }
    out.push_str("}\n\n");

    for (index, list) in model.lists.iter().enumerate() {
        let entries: Vec<String> = (list.entries.iter())
            .map(|&e| {
                if list.numbers {
                    pick(NUMBERS, e).0.to_string()
                } else {
                    quoted(pick(TEXTS, e))
                }
            })
            .collect();
        let _ = writeln!(out, "list l{index} = [{}]", entries.join(", "));
        w.lists.push((format!("l{index}"), list.numbers));
    }
    if model.repeat.what == RepeatKind::BigList {
        let texts: Vec<String> = (0..repeat).map(|i| format!("\"e{i}\"")).collect();
        let numbers: Vec<String> = (0..repeat).map(|i| i.to_string()).collect();
        let _ = writeln!(out, "list big_texts = [{}]", texts.join(", "));
        let _ = writeln!(out, "list big_numbers = [{}]", numbers.join(", "));
        out.push_str("define in_big = id in big_texts or wide_total in big_numbers\n");
        out.push_str("define wide_total = length(id) * 7\n");
    }

    // Defines use only defines of a lower index (and no score or stage,
    // which may use defines), so there is no cycle; they are written in the
    // order of their `place`, so uses go both up and down the file.
    let mut defines: Vec<(u16, String)> = Vec::new();
    for (index, define) in model.defines.iter().enumerate() {
        let scope = Scope {
            defines: index,
            scores: 0,
            stages: 0,
        };
        let text = w.condition(&define.condition, scope, 0);
        let described = if define.described {
            " \"A define\""
        } else {
            ""
        };
        defines.push((
            define.place,
            format!("define d{index}{described} = {text}\n"),
        ));
    }
    defines.sort_by_key(|(place, _)| *place);
    defines.iter().for_each(|(_, text)| out.push_str(text));
    if model.repeat.what == RepeatKind::DefineChain {
        out.push_str("define chain0 = id is present\n");
        for i in 1..repeat {
            let _ = writeln!(
                out,
                "define chain{i} = chain{} and {}",
                i - 1,
                w.test(i as u8, (i / 3) as u8, i as u8, 0)
            );
        }
    }
    out.push('\n');

    let defines = model.defines.len();
    let scores = model.scores.len();
    let stages = model.stages.len();
    for (index, score) in model.scores.iter().enumerate() {
        let scope = Scope {
            defines,
            scores: index,
            stages: 0,
        };
        let cap = score
            .cap
            .map(|cap| format!(" up to {cap}"))
            .unwrap_or_default();
        let described = if score.described { " \"A score\"" } else { "" };
        let _ = writeln!(out, "score s{index}{described}{cap} {{");
        for rule in &score.rules {
            let points = rule.points;
            let sign = if points < 0 { "-" } else { "+" };
            let amount = points.unsigned_abs();
            let body = match rule.per {
                Some((field, up_to)) => {
                    let numbers = w.fields_of(|ty| ty == Ty::Number);
                    let quantity = match numbers.is_empty() {
                        false => pick(&numbers, field).name.clone(),
                        true => "length(id)".to_string(),
                    };
                    let up_to = up_to.map(|u| format!(" up to {u}")).unwrap_or_default();
                    format!("per {quantity}{up_to}")
                }
                None => format!("if {}", w.condition(&rule.condition, scope, 0)),
            };
            let described = if rule.described { " \"A rule\"" } else { "" };
            let _ = writeln!(out, "  {sign}{amount} {body}{described}");
        }
        out.push_str("}\n\n");
    }
    if model.repeat.what == RepeatKind::ManyRules {
        out.push_str("score many {\n");
        for i in 0..repeat {
            let _ = writeln!(
                out,
                "  +1 if {}",
                w.test(i as u8, (i / 7) as u8, i as u8, 0)
            );
        }
        out.push_str("}\n\n");
    }

    for (index, stage) in model.stages.iter().enumerate() {
        let scope = Scope {
            defines,
            scores,
            stages: index,
        };
        let _ = writeln!(out, "stage S{index} \"Stage {index}\" {{");
        if let Some(sales) = stage.owner {
            let _ = writeln!(out, "  owner {}", if sales { "sales" } else { "marketing" });
        }
        let mut after: Vec<usize> = Vec::new();
        if index > 0 {
            for &a in &stage.after {
                let a = usize::from(a) % index;
                if !after.contains(&a) {
                    after.push(a);
                }
            }
        }
        if !after.is_empty() {
            let names: Vec<String> = after.iter().map(|a| format!("S{a}")).collect();
            let _ = writeln!(out, "  after {}", names.join(" or "));
        }
        for (criterion, described) in &stage.criteria {
            let described = if *described { " \"A criterion\"" } else { "" };
            let _ = writeln!(
                out,
                "  requires {}{described}",
                w.condition(criterion, scope, 0)
            );
        }
        out.push_str("}\n\n");
    }
    match model.repeat.what {
        RepeatKind::DefineChain if repeat > 1 => {
            let _ = writeln!(
                out,
                "stage CHAIN \"Chain\" {{\n  requires chain{}\n}}\n",
                repeat - 1
            );
        }
        RepeatKind::BigList => out.push_str("stage BIG \"Big\" {\n  requires in_big\n}\n\n"),
        RepeatKind::ManyFields if repeat > 0 => {
            let terms: Vec<String> = (0..repeat).map(|i| format!("wide{i}")).collect();
            let _ = writeln!(
                out,
                "stage WIDE \"Wide\" {{\n  requires {} > 3\n}}\n",
                sum(&terms)
            );
        }
        RepeatKind::AfterChain => {
            for i in 0..repeat {
                let after = match i {
                    0 => String::new(),
                    1 | 2 => format!("  after A{}\n", i - 1),
                    _ => format!("  after A{} or A{}\n", i - 1, i / 2),
                };
                let test = w.test(i as u8, (i / 3) as u8, (i / 5) as u8, 0);
                let _ = writeln!(
                    out,
                    "stage A{i} \"After {i}\" {{\n{after}  requires {test}\n}}\n"
                );
            }
        }
        _ => {}
    }

    let reasons = model.undesirables.len();
    for (index, undesirable) in model.undesirables.iter().enumerate() {
        let scope = Scope {
            defines,
            scores,
            stages,
        };
        let mut blocks: Vec<String> = Vec::new();
        if stages > 0 {
            for &b in &undesirable.blocks {
                let name = format!("S{}", usize::from(b) % stages);
                if !blocks.contains(&name) {
                    blocks.push(name);
                }
            }
        }
        let blocks = match blocks.is_empty() {
            true => String::new(),
            false => format!(" blocks {}", blocks.join(", ")),
        };
        let condition = w.condition(&undesirable.condition, scope, 0);
        let _ = writeln!(out, "undesirable \"Reason {index}\"{blocks} if {condition}");
    }
    out.push('\n');

    for (index, calendar) in model.calendars.iter().enumerate() {
        let _ = writeln!(
            out,
            "calendar c{index} {{\n  timezone {}",
            quoted(pick(TIMEZONES, calendar.timezone))
        );
        for &(days, start, length) in &calendar.hours {
            let start = start % 23;
            let end = (start + 1 + length % (24 - start)).min(24);
            let _ = writeln!(
                out,
                "  hours {} {start:02}:00-{end:02}:00",
                pick(DAYS, days)
            );
        }
        for &holiday in &calendar.holidays {
            let _ = writeln!(out, "  holiday {}", pick(DATES, holiday));
        }
        out.push_str("}\n\n");
    }

    let times: Vec<&Field> = w.fields_of(|ty| ty == Ty::Time);
    for (index, sla) in model.slas.iter().enumerate() {
        let scope = Scope {
            defines,
            scores,
            stages,
        };
        let from = usize::from(sla.from) % times.len();
        let to = (from + 1 + usize::from(sla.to) % (times.len() - 1)) % times.len();
        let _ = writeln!(
            out,
            "sla \"SLA {index}\" {{\n  owner {}",
            if sla.sales { "sales" } else { "marketing" }
        );
        if let Some(applies) = &sla.applies {
            let _ = writeln!(out, "  applies to {}", w.condition(applies, scope, 0));
        }
        let _ = writeln!(out, "  from {} to {}", times[from].name, times[to].name);
        let calendars = model.calendars.len();
        let within = match (sla.business && calendars > 0, sla.unit % 4) {
            (true, unit) => format!(
                "{} business {} on c{}",
                sla.amount,
                pick(&["minutes", "hour", "hours", "days"], unit),
                usize::from(sla.calendar) % calendars
            ),
            (false, unit) => format!(
                "{} {}",
                sla.amount,
                pick(&["minutes", "hours", "days", "weeks"], unit)
            ),
        };
        let _ = writeln!(out, "  within {within}");
        if let Some(goal) = sla.goal {
            let _ = writeln!(out, "  for at least {}% of leads", goal % 101);
        }
        out.push_str("}\n\n");
    }

    for (index, target) in model.targets.iter().enumerate() {
        if stages == 0 {
            break;
        }
        let first = usize::from(target.first) % stages;
        let _ = writeln!(out, "target \"Target {index}\" {{\n  owner marketing");
        if target.volume {
            let by = &pick(&times, target.second).name;
            let period = pick(&["month", "week", "quarter"], target.period);
            let _ = writeln!(
                out,
                "  at least {} S{first} per {period} by {by}",
                target.amount
            );
        } else {
            let second = usize::from(target.second) % stages;
            let within = target
                .within
                .map(|d| format!(" within {d} days"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  at least {}% of S{first} reach S{second}{within}",
                target.amount % 101
            );
        }
        out.push_str("}\n\n");
    }

    // Each lead is an example (no expectations: the runner's view of it is
    // compared with the CSV's) and a row of the CSV.
    let leads = match model.repeat.what {
        RepeatKind::ManyLeads => repeat.max(model.leads.len()),
        _ => model.leads.len(),
    };
    let header: Vec<&str> = w.fields.iter().map(|f| f.name.as_str()).collect();
    let mut csv = header.join(",") + "\n";
    for lead in 0..leads {
        let values = model
            .leads
            .get(lead % model.leads.len().max(1))
            .map_or(&[][..], |l| &l.values);
        let mut row = Vec::new();
        let _ = write!(out, "example \"Lead {lead}\" {{\n  lead {{");
        for (index, field) in w.fields.iter().enumerate() {
            let given = match index {
                0 => Some((quoted(&format!("L-{lead}")), format!("L-{lead}"))),
                _ => values
                    .get(index)
                    .copied()
                    .flatten()
                    .map(|seed| w.value(field, seed)),
            };
            match given {
                Some((written, csv_value)) => {
                    let _ = write!(out, " {} {written}", field.name);
                    row.push(format!("\"{}\"", csv_value.replace('"', "\"\"")));
                }
                None => row.push(String::new()),
            }
        }
        let _ = writeln!(out, " }}\n  as of 2026-03-02T09:00:00Z\n}}\n");
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    for (index, example) in model.examples.iter().enumerate() {
        let like = match (example.like, leads) {
            (Some(like), 1..) => format!(" like \"Lead {}\"", usize::from(like) % leads),
            _ => String::new(),
        };
        let _ = write!(out, "example \"Extra {index}\"{like} {{\n  lead {{");
        for &(field, value) in &example.values {
            let field = pick(&w.fields, field);
            match value {
                Some(seed) => {
                    let _ = write!(out, " {} {}", field.name, w.value(field, seed).0);
                }
                None => {
                    let _ = write!(out, " {} missing", field.name);
                }
            }
        }
        out.push_str(" }\n");
        if let Some(at) = example.as_of {
            let _ = writeln!(out, "  as of {}", pick(TIMES, at));
        }
        for &(kind, which, value) in &example.expectations {
            let stage = if stages > 0 {
                format!("S{}", usize::from(which) % stages)
            } else {
                "none".into()
            };
            let expectation = match kind % 8 {
                0 => format!("stage {stage}"),
                1 => format!("reached {stage}"),
                2 => format!("not reached {stage}"),
                3 if scores > 0 => format!("score s{} {value}", usize::from(which) % scores),
                4 if reasons > 0 => {
                    format!("disqualified \"Reason {}\"", usize::from(which) % reasons)
                }
                5 if reasons > 0 => {
                    format!("undesirable \"Reason {}\"", usize::from(which) % reasons)
                }
                6 if !model.slas.is_empty() => format!(
                    "sla \"SLA {}\" {}",
                    usize::from(which) % model.slas.len(),
                    pick(&["met", "breached", "pending", "n/a"], kind / 8)
                ),
                _ => "invalid".to_string(),
            };
            let _ = writeln!(out, "  expect {expectation}");
        }
        out.push_str("}\n\n");
    }
    (out, csv, leads)
}

static RUNS: AtomicU64 = AtomicU64::new(0);
static CHECKED: AtomicU64 = AtomicU64::new(0);
static CLEAN: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|model: Model| {
    let (policy, csv, leads) = write(&model);
    if std::env::var_os("QUALIFY_FUZZ_SHOW").is_some() {
        eprintln!("{policy}\n── leads ──\n{csv}");
    }
    let (parsed, clean) = qualify_fuzz::check_text(&policy, false);
    if !parsed {
        let first = qualify::parse(&policy).diagnostics.swap_remove(0);
        panic!(
            "a generated policy does not parse: {}\n{policy}",
            first.message
        );
    }
    qualify_fuzz::format_round_trip(&policy);
    let program = qualify_fuzz::compile(&policy);
    count(program.is_some(), clean);
    let Some(program) = program else {
        return;
    };
    let (read, outcomes) = qualify_fuzz::records(&program, InputFormat::Csv, csv.as_bytes(), 64)
        .unwrap_or_else(|| panic!("the generated leads were not read:\n{csv}"));
    assert_eq!(read.len(), leads, "records lost or added:\n{csv}");
    let schema = qualify::records::Schema::of(&program.policy);
    for (lead, (record, outcome)) in read.iter().zip(&outcomes).enumerate() {
        let name = format!("Lead {lead}");
        let example = (program.policy.examples.iter())
            .find(|example| example.name == name)
            .expect("every lead is an example");
        let run = qualify::eval::examples::run(&program, &schema, example, qualify_fuzz::now());
        assert_eq!(
            run.record.is_valid(),
            record.is_valid(),
            "{name}: the example is {:?}, the CSV row {:?}\n{csv}",
            run.record.problems(),
            record.problems()
        );
        assert_eq!(
            &run.outcome, outcome,
            "{name}: the example and the CSV row have different outcomes\n{csv}"
        );
    }
});

/// Tallies for `QUALIFY_FUZZ_STATS`: printed every 1,000 runs.
fn count(checked: bool, clean: bool) {
    if std::env::var_os("QUALIFY_FUZZ_STATS").is_none() {
        return;
    }
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    CHECKED.fetch_add(u64::from(checked), Ordering::Relaxed);
    CLEAN.fetch_add(u64::from(clean), Ordering::Relaxed);
    if runs % 1000 == 0 {
        eprintln!(
            "policy_gen: {runs} policies, {} check, {} have no error at all",
            CHECKED.load(Ordering::Relaxed),
            CLEAN.load(Ordering::Relaxed)
        );
    }
}
