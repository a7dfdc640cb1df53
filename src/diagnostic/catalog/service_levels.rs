//! Q06xx: service levels and targets.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const NOT_A_TIME_FIELD: Code = error(
    "Q0601",
    "not-a-time-field",
    "an SLA or target measures from a field that is not a time",
    r#"
**Severity:** error.

**What:** an SLA or target measures from a field that is not a time.

**Why it matters:** an SLA clock runs from one moment to another, and a
volume target counts leads by the moment they reached a stage. A date has
no hour, and a text or number is no moment at all.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_date        date?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_date to first_touch_at
  within 4 hours
}
```

qualify reports: an SLA starts at a time, but `mql_date` is a date.

**How to fix:** use fields declared `time` (or `time?`).

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 hours
}
```
"#,
);

pub const BUSINESS_TIME_WITHOUT_CALENDAR: Code = error(
    "Q0602",
    "business-time-without-calendar",
    "business hours or days are used without a calendar",
    r#"
**Severity:** error.

**What:** business hours or days are used without a calendar.

**Why it matters:** "4 business hours" depends on when the team works. In
an SLA, the calendar is named with `on`; conditions and targets have no
calendar, so they use calendar time (`2 days`).

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 business hours
}
```

**How to fix:** name the calendar whose hours count, or use calendar time.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 business hours on office
}
```
"#,
);

pub const PERCENTAGE_OUT_OF_RANGE: Code = error(
    "Q0603",
    "percentage-out-of-range",
    "a share outside 0% to 100%",
    r#"
**Severity:** error.

**What:** a share that is not a percentage from 0% to 100%.

**Why it matters:** a team cannot promise more than all of its leads. A
share such as `120%` is usually a typing mistake. A share must carry its
`%`: `for at least 90 of leads` or `0.9` is refused, since a reader cannot
tell whether 90% or 0.9% was meant.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 hours
  for at least 120% of leads
}
```

**How to fix:** write the share as a percentage between `0%` and `100%`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 hours
  for at least 90% of leads
}
```
"#,
);

pub const INCOMPLETE_SLA: Code = error(
    "Q0604",
    "incomplete-sla",
    "an SLA or target is missing a clause it needs",
    r#"
**Severity:** error.

**What:** an SLA or target is missing a clause it needs.

**Why it matters:** an SLA needs an `owner` (the team that keeps the
promise), a `from … to …` line (when the clock starts and stops) and a
`within` line (the limit); a target needs an `owner` and its `at least`
line. Without them the promise cannot be measured or held to account.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
}
```

qualify reports: sla "MQL follow-up" has no `within`.

**How to fix:** add the missing line.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 hours
}
```
"#,
);

pub const CALENDAR_WITHOUT_BUSINESS_TIME: Code = error(
    "Q0605",
    "calendar-without-business-time",
    "an SLA names a calendar but its limit is not in business time",
    r#"
**Severity:** error.

**What:** an SLA names a calendar but its limit is not in business time.

**Why it matters:** `within 36 hours on office` reads as if the office's
hours counted, but `36 hours` is calendar time: every hour counts, nights
and weekends included, and the calendar would change nothing. Whoever
wrote it meant one or the other, and the two can differ by days.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 36 hours on office
}
```

qualify reports: `36 hours` counts every hour, so calendar `office` would
be ignored; help: to count only the open hours of `office`, write
`36 business hours on office`; to count every hour, drop `on office`.

**How to fix:** say which is meant: `36 business hours on office` counts
only the office's open hours; `36 hours` (without `on`) counts every hour.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 36 business hours on office
}
```
"#,
);

pub const FRACTION_OF_A_BUSINESS_DAY: Code = error(
    "Q0606",
    "fraction-of-a-business-day",
    "a limit in business days that is not a whole number of days",
    r#"
**Severity:** error.

**What:** a limit in business days that is not a whole number of days.

**Why it matters:** `N business days` falls due at the same clock time
on the N-th following open day (see the language guide, "SLAs"). Half a
business day has no such clock time: it could mean half of the opening
hours, or twelve hours, and the teams would not agree which.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 1.5 business days on office
}
```

**How to fix:** write a whole number of business days, or the limit in
business hours.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 12 business hours on office
}
```
"#,
);
