//! How each field's values are read, as qualify.toml settles it: which
//! values mean missing, the declared format of a date or time field, and
//! the zone of times written without one. Resolved once, before any row is
//! read, so a wrong setting stops the run before it can give a wrong answer.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::fmt::strtime;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::ir::{FieldType, Policy};
use crate::moment::{self, Refusal, Written};

/// How one field's raw values are read. The default reads them as the
/// language writes them (RFC 3339, `YYYY-MM-DD`), with only an empty
/// value missing.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Values that mean missing, trimmed and lower-cased.
    missing: Vec<String>,
    /// The strftime-style format of a date or time field's values.
    format: Option<String>,
    /// Where a time written without a zone is placed; `None`: such a time
    /// is refused, never read as UTC.
    zone: Option<TimeZone>,
}

/// Something wrong with the settings for a policy. An error stops a run
/// before any row is read; a warning is told and the run goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub error: bool,
    pub message: String,
}

impl Rules {
    /// Whether the readers' shortcuts may type the field: nothing but the
    /// empty value means missing, and its values have the usual forms.
    pub fn plain(&self) -> bool {
        self.missing.is_empty() && self.format.is_none()
    }

    /// Whether `raw` is one of the values declared to mean missing.
    #[inline]
    pub fn means_missing(&self, raw: &str) -> bool {
        if self.missing.is_empty() {
            return false;
        }
        let value = raw.trim();
        self.missing.iter().any(|missing| {
            missing.eq_ignore_ascii_case(value)
                || (!value.is_ascii() && value.to_lowercase() == *missing)
        })
    }

    /// A date field's trimmed value. `YYYY-MM-DD` reads whatever the
    /// settings say: it cannot be misread.
    pub fn date(&self, value: &str) -> Result<Date, String> {
        let iso = moment::date(value.as_bytes());
        if let (Err(_), Some(format)) = (iso, &self.format) {
            return strtime::parse(format, value)
                .and_then(|parts| parts.to_date())
                .map_err(|_| mismatch(format));
        }
        iso.map_err(|_| match moment::export_time(value.as_bytes()) {
            Err(refusal @ Refusal::Unordered) => format!("is not a date qualify reads: {refusal}"),
            _ => "is not a date like 2026-02-01".to_string(),
        })
    }

    /// A time field's trimmed value. A time with a zone in RFC 3339 reads
    /// whatever the settings say: it cannot be misread.
    pub fn time(&self, value: &str) -> Result<Timestamp, String> {
        let written = match moment::export_time(value.as_bytes()) {
            Ok(Written::Exact(instant)) => return Ok(instant.timestamp),
            Ok(written) if self.format.is_none() => Ok(written),
            Err(refusal) if self.format.is_none() => Err(refusal),
            _ => self.declared(value),
        };
        match written {
            Ok(Written::Exact(instant)) => Ok(instant.timestamp),
            Ok(Written::Local(civil)) => match &self.zone {
                Some(zone) => zone
                    .to_timestamp(civil)
                    .map_err(|_| "lies past the end of year 9999".to_string()),
                None => Err(NO_ZONE.to_string()),
            },
            Err(refusal @ (Refusal::DateOnly | Refusal::Unordered)) => {
                Err(format!("is not a time qualify reads: {refusal}"))
            }
            Err(_) => Err(match &self.format {
                Some(format) => mismatch(format),
                None => "is not an RFC 3339 time like 2026-03-02T09:00:00Z".to_string(),
            }),
        }
    }

    /// `value` read with the declared format; with the offset it gives,
    /// if it gives one.
    fn declared(&self, value: &str) -> Result<Written, Refusal> {
        let format = self.format.as_deref().unwrap_or_default();
        let parts = strtime::parse(format, value).map_err(|_| Refusal::Shape)?;
        let civil = parts.to_datetime().map_err(|_| Refusal::Shape)?;
        Ok(match parts.offset() {
            Some(offset) => Written::Exact(moment::Instant {
                timestamp: offset.to_timestamp(civil).map_err(|_| Refusal::Range)?,
                offset,
            }),
            None => Written::Local(civil),
        })
    }
}

/// What a zone-less time without a zone to place it in is told.
const NO_ZONE: &str = "has no time zone, and qualify does not assume UTC; say which zone the \
     export's times are in with `time_zone = \"Area/City\"` under [export] in qualify.toml \
     (or under this field's [fields.NAME])";

fn mismatch(format: &str) -> String {
    format!("does not match the format \"{format}\" declared in qualify.toml")
}

/// The export's column for field `name`, when settings name one:
/// `[fields.NAME] column`, else `[columns]`.
pub fn column<'c>(config: &'c Config, name: &str) -> Option<&'c str> {
    (config
        .fields
        .get(name)
        .and_then(|own| own.column.as_deref()))
    .or_else(|| config.columns.get(name).map(String::as_str))
}

/// Each field's rules (in the policy's order) and what is wrong with the
/// settings for this policy.
pub fn resolve(policy: &Policy, config: &Config) -> (Vec<Rules>, Vec<Finding>) {
    let mut findings = unknown_fields(policy, config);
    let calendar_zone = match policy.calendars.as_slice() {
        [only] => Some(only.timezone.clone()),
        _ => None,
    };
    let export_zone = zone(config, "[export]", config.export.time_zone.as_deref());
    let rules = policy
        .fields
        .iter()
        .map(|field| {
            let own = config.fields.get(&field.name);
            let table = format!("[fields.{}]", field.name);
            let mut missing: Vec<String> = (config.export.missing.iter())
                .chain(own.iter().flat_map(|own| &own.missing))
                .map(|value| value.trim().to_lowercase())
                .collect();
            missing.dedup();
            if let (Some(own), Some(mapped)) = (
                own.and_then(|own| own.column.as_ref()),
                config.columns.get(&field.name),
            ) && own != mapped
            {
                findings.push(Finding {
                    error: true,
                    message: format!(
                        "{}: `{}` is read from column \"{mapped}\" under [columns] but from \
                         \"{own}\" under {table}; keep one",
                        config.name(),
                        field.name
                    ),
                });
            }
            let field_zone = zone(config, &table, own.and_then(|own| own.time_zone.as_deref()));
            let moments = matches!(field.ty, FieldType::Date | FieldType::Time);
            let own_format = own.and_then(|own| own.format.clone());
            if let (Some(_), false) = (&own_format, moments) {
                findings.push(Finding {
                    error: true,
                    message: format!(
                        "{}: {table} sets a `format`, but `{}` is not a date or time field",
                        config.name(),
                        field.name
                    ),
                });
            }
            let rules = Rules {
                missing,
                format: own_format
                    .or_else(|| config.export.time_format.clone())
                    .filter(|_| moments),
                zone: (field_zone.as_ref().ok().cloned().flatten())
                    .or_else(|| export_zone.as_ref().ok().cloned().flatten())
                    .or_else(|| calendar_zone.clone()),
            };
            findings.extend(field_zone.err());
            if let Some(problem) = format_problem(&field.ty, &rules) {
                let message = format!("{}: {table}: {problem}", config.name());
                findings.push(Finding {
                    error: true,
                    message,
                });
            }
            rules
        })
        .collect();
    findings.extend(export_zone.err());
    findings.dedup();
    (rules, findings)
}

/// The zone `name`d under `table`, if one is.
fn zone(config: &Config, table: &str, name: Option<&str>) -> Result<Option<TimeZone>, Finding> {
    let Some(name) = name else { return Ok(None) };
    crate::timezones::database()
        .get(name)
        .map(Some)
        .map_err(|_| {
            let zones: Vec<String> = (crate::timezones::database().available())
                .map(|zone| zone.as_str().to_string())
                .collect();
            let hint = crate::diagnostic::did_you_mean(name, zones.iter().map(String::as_str))
                .map(|near| format!("did you mean \"{near}\"? "))
                .unwrap_or_default();
            Finding {
                error: true,
                message: format!(
                    "{}: {table} time_zone: there is no time zone \"{name}\"; {hint}time zones \
                     are IANA names such as \"Europe/Berlin\" or \"America/New_York\"",
                    config.name()
                ),
            }
        })
}

/// What is wrong with a date or time field's format: one jiff cannot
/// read, one that does not give a whole date, or times that would have
/// no zone to be placed in.
fn format_problem(ty: &FieldType, rules: &Rules) -> Option<String> {
    let format = rules.format.as_deref()?;
    // Written and read back: a format that cannot give back a known
    // moment cannot read an export's either.
    let sample = jiff::civil::datetime(2026, 3, 8, 9, 7, 5, 0)
        .to_zoned_datetime(TimeZone::UTC)
        .ok()?;
    let parts = match strtime::format(format, &sample).and_then(|text| strtime::parse(format, text))
    {
        Ok(parts) => parts,
        Err(error) => return Some(format!("the format \"{format}\" cannot be read: {error}")),
    };
    let whole = match ty {
        FieldType::Date => parts.to_date().is_ok(),
        _ => parts.to_datetime().is_ok(),
    };
    if !whole {
        return Some(format!(
            "the format \"{format}\" does not give a whole date: it needs the year (%Y), \
             the month (%m or %b) and the day (%d)"
        ));
    }
    (*ty == FieldType::Time && parts.offset().is_none() && rules.zone.is_none()).then(|| {
        format!(
            "the format \"{format}\" writes no zone, and qualify does not assume UTC; say which \
             zone the times are in with `time_zone = \"Area/City\"` here or under [export]"
        )
    })
}

/// A warning for each field `[columns]` or `[fields]` names that the
/// policy lacks: one settings file may serve several policies.
fn unknown_fields(policy: &Policy, config: &Config) -> Vec<Finding> {
    let names: Vec<&str> = (policy.fields.iter())
        .map(|field| field.name.as_str())
        .collect();
    let named = (config.columns.keys().map(|name| ("[columns]", name)))
        .chain(config.fields.keys().map(|name| ("[fields]", name)));
    named
        .filter(|(_, name)| !names.contains(&name.as_str()))
        .map(|(table, name)| {
            let hint = crate::diagnostic::did_you_mean(name, names.iter().copied())
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            Finding {
                error: false,
                message: format!(
                    "{}: {table} names `{name}`, which is not a field of the policy{hint}",
                    config.name()
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(format: Option<&str>, zone: Option<&str>) -> Rules {
        Rules {
            missing: vec!["n/a".to_string(), "select".to_string()],
            format: format.map(str::to_string),
            zone: zone.map(|name| crate::timezones::database().get(name).expect("zone")),
        }
    }

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a reference time")
    }

    #[test]
    fn placeholders_mean_missing_in_any_case() {
        let rules = rules(None, None);
        for value in ["N/A", " n/a ", "SELECT", "Select"] {
            assert!(rules.means_missing(value), "{value}");
        }
        for value in ["NA", "Selected", ""] {
            assert!(!rules.means_missing(value), "{value}");
        }
        assert!(!Rules::default().means_missing("N/A"));
    }

    #[test]
    fn crm_times_read_in_the_zone_given() {
        let berlin = rules(None, Some("Europe/Berlin"));
        for (text, utc) in [
            ("2026-03-08 09:00", "2026-03-08T08:00:00Z"),
            ("2018-02-01 00:00:00", "2018-01-31T23:00:00Z"),
            ("2026-07-08T09:00:00", "2026-07-08T07:00:00Z"),
            ("2026-03-08T09:00:00-05:00", "2026-03-08T14:00:00Z"),
        ] {
            assert_eq!(berlin.time(text), Ok(at(utc)), "{text}");
        }
        let nowhere = rules(None, None);
        assert_eq!(nowhere.time("2026-03-08 09:00"), Err(NO_ZONE.to_string()));
        for text in ["08/03/2026 09:00", "01-02-2018", "2026-03-08"] {
            let refused = berlin.time(text).expect_err(text);
            assert!(
                refused.starts_with("is not a time qualify reads"),
                "{refused}"
            );
        }
    }

    #[test]
    fn declared_formats_read_day_first_and_month_first() {
        let day_first = rules(Some("%d/%m/%Y %H:%M"), Some("Europe/London"));
        assert_eq!(
            day_first.time("08/03/2026 09:00"),
            Ok(at("2026-03-08T09:00:00Z"))
        );
        assert_eq!(
            day_first.time("2026-03-08T09:00:00Z"),
            Ok(at("2026-03-08T09:00:00Z"))
        );
        assert!(day_first.time("2026-03-08 09:00").is_err());
        let month_first = rules(Some("%m-%d-%Y"), None);
        assert_eq!(
            month_first.date("02-01-2018"),
            Ok(jiff::civil::date(2018, 2, 1))
        );
        assert_eq!(
            month_first.date("13-01-2018"),
            Err("does not match the format \"%m-%d-%Y\" declared in qualify.toml".to_string())
        );
        let offset = rules(Some("%Y-%m-%d %H:%M %z"), None);
        assert_eq!(
            offset.time("2026-03-08 09:00 +0300"),
            Ok(at("2026-03-08T06:00:00Z"))
        );
    }

    #[test]
    fn formats_are_checked_before_any_row() {
        let check = |ty: FieldType, format: &str, zone: Option<&str>| {
            format_problem(&ty, &rules(Some(format), zone))
        };
        assert_eq!(check(FieldType::Time, "%d/%m/%Y %H:%M", Some("UTC")), None);
        assert_eq!(check(FieldType::Time, "%d/%m/%Y %H:%M %z", None), None);
        assert_eq!(check(FieldType::Date, "%d.%m.%Y", None), None);
        let no_zone = check(FieldType::Time, "%d/%m/%Y %H:%M", None).expect("refused");
        assert!(no_zone.contains("writes no zone"), "{no_zone}");
        let partial = check(FieldType::Date, "%d/%m", None).expect("refused");
        assert!(partial.contains("does not give a whole date"), "{partial}");
        let unknown = check(FieldType::Date, "%Y-%m-%d %J", None).expect("refused");
        assert!(unknown.contains("cannot be read"), "{unknown}");
    }
}
