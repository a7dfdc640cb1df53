//! Q05xx: calendars.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const UNKNOWN_TIMEZONE: Code = error(
    "Q0501",
    "unknown-timezone",
    "a calendar names a time zone that does not exist",
    r#"
**Severity:** error.

**What:** a calendar names a time zone that does not exist.

**Why it matters:** business hours are counted in the calendar's time zone.
An unknown zone would put every deadline at the wrong hour.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Istanbul office hours" {
  timezone "Europe/Istambul"
  hours mon-fri 09:00-18:00
}
```

qualify reports: there is no time zone "Europe/Istambul", and suggests
"Europe/Istanbul".

**How to fix:** use an IANA time zone name such as `"Europe/Istanbul"`,
`"Europe/Berlin"` or `"America/New_York"`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Istanbul office hours" {
  timezone "Europe/Istanbul"
  hours mon-fri 09:00-18:00
}
```
"#,
);

pub const EMPTY_HOURS: Code = error(
    "Q0502",
    "empty-hours",
    "opening hours that end before they start",
    r#"
**Severity:** error.

**What:** opening hours that end before they start.

**Why it matters:** `18:00-09:00` contains no time at all, so business time
would never pass on those days.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 18:00-09:00
}
```

**How to fix:** write the opening time first. Hours past midnight are not
supported: split them into two ranges on two days if you need them.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 09:00-18:00
}
```
"#,
);

pub const OVERLAPPING_HOURS: Code = error(
    "Q0503",
    "overlapping-hours",
    "two opening-hour ranges of the same day overlap",
    r#"
**Severity:** error.

**What:** two opening-hour ranges of the same day overlap.

**Why it matters:** the hour in both ranges would be counted twice, or it
is a typing mistake in a lunch break.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours with a lunch break" {
  timezone "America/Chicago"
  hours mon-fri 08:00-13:00, 12:00-17:00
}
```

**How to fix:** make the ranges follow each other without overlapping.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours with a lunch break" {
  timezone "America/Chicago"
  hours mon-fri 08:00-12:00, 13:00-17:00
}
```
"#,
);

pub const BAD_DAY_RANGE: Code = error(
    "Q0504",
    "bad-day-range",
    "a day range that runs backwards or names a day twice",
    r#"
**Severity:** error.

**What:** a day range that runs backwards or names a day twice.

**Why it matters:** `fri-mon` could mean Friday to Monday over the weekend,
or be a slip for `mon-fri`. qualify does not guess.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours fri-mon 09:00-17:00
}
```

**How to fix:** write ranges from Monday towards Sunday, and list separate
days with commas: `mon-fri`, or `fri,sat,sun,mon` for a weekend shift.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 09:00-17:00
}
```
"#,
);

pub const INCOMPLETE_CALENDAR: Code = error(
    "Q0505",
    "incomplete-calendar",
    "a calendar without a time zone or without opening hours",
    r#"
**Severity:** error.

**What:** a calendar without a time zone or without opening hours.

**Why it matters:** without a time zone nobody knows when 09:00 is; without
opening hours, business time never passes.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  hours mon-fri 09:00-17:00
}
```

**How to fix:** give the calendar a `timezone` and at least one `hours`
line.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 09:00-17:00
}
```
"#,
);
