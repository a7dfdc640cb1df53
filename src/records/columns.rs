//! Which column of an export's header each field is read from. CRMs name
//! their columns for people (`Email`, `Job Title`, `Create Date`), so a
//! column is found by its exact name, else by its name ignoring case,
//! spaces and punctuation when that points to one column only; every such
//! match is told, and a mapped column the header lacks is never silent.

use std::fmt;

use super::Schema;

/// What reading the header found worth telling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A field read from a column whose name matched only once case,
    /// spaces and punctuation were set aside.
    Matched { field: String, column: String },
    /// An optional field mapped to a column the header lacks: it is
    /// missing in every lead.
    Unmatched {
        field: String,
        column: String,
        nearest: Option<String>,
    },
}

impl Note {
    pub fn is_warning(&self) -> bool {
        matches!(self, Note::Unmatched { .. })
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Matched { field, column } => write!(f, "read `{field}` from column `{column}`"),
            Note::Unmatched {
                field,
                column,
                nearest,
            } => {
                write!(
                    f,
                    "qualify.toml maps `{field}` to column `{column}`, which the export does \
                     not have, so `{field}` is missing for every lead"
                )?;
                match nearest {
                    Some(near) => write!(f, "; did you mean `{near}`?"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Each field's column in the header (`None`: it has none), and the notes.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub columns: Vec<Option<usize>>,
    pub notes: Vec<Note>,
}

/// A column name with case, spaces and punctuation set aside: `E-mail`,
/// `email` and ` EMAIL ` are alike.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Finds each field's column in `header`, before any row is read. A
/// required field with no column, or a field two columns could feed, is
/// an error.
pub fn find(header: &[String], schema: &Schema) -> Result<Found, String> {
    let keys: Vec<String> = header.iter().map(|name| normalise(name)).collect();
    let mut found = Found::default();
    for field in &schema.fields {
        let column = match header.iter().position(|name| *name == field.column) {
            Some(exact) => Some(exact),
            None => alike(header, &keys, &field.name, &field.column, &mut found.notes)?,
        };
        let mapped = field.column != field.name;
        if let (None, true, true) = (column, field.optional, mapped) {
            found.notes.push(Note::Unmatched {
                field: field.name.clone(),
                column: field.column.clone(),
                nearest: nearest(&field.column, header),
            });
        }
        found.columns.push(column);
    }
    required_columns(schema, &found.columns)?;
    Ok(found)
}

/// The header most like `column` once case, spaces and punctuation are
/// set aside, if one is close (`Page Views/Visit` and `Page Views Per
/// Visit`): a typing slip, or another CRM's wording of the same thing.
fn nearest(column: &str, header: &[String]) -> Option<String> {
    let key = normalise(column);
    (header.iter())
        .map(|name| {
            (
                strsim::normalized_damerau_levenshtein(&key, &normalise(name)),
                name,
            )
        })
        .filter(|(likeness, _)| *likeness >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.clone())
}

/// The one column whose name is like `column`'s, noted; an error naming
/// them when there are several.
fn alike(
    header: &[String],
    keys: &[String],
    field: &str,
    column: &str,
    notes: &mut Vec<Note>,
) -> Result<Option<usize>, String> {
    let key = normalise(column);
    let like: Vec<usize> = (keys.iter().enumerate())
        .filter(|(_, other)| !key.is_empty() && **other == key)
        .map(|(index, _)| index)
        .collect();
    match like.as_slice() {
        [] => Ok(None),
        [one] => {
            let name = header.get(*one).cloned().unwrap_or_default();
            notes.push(Note::Matched {
                field: field.to_string(),
                column: name,
            });
            Ok(Some(*one))
        }
        several => {
            let names: Vec<String> = (several.iter())
                .filter_map(|index| header.get(*index))
                .map(|name| format!("`{name}`"))
                .collect();
            Err(format!(
                "`{field}` could be read from the columns {}, whose names differ only in case, \
                 spaces or punctuation; name the one meant in qualify.toml under [columns], as \
                 in `{field} = \"{}\"`",
                names.join(" and "),
                header.get(several[0]).map_or("", String::as_str)
            ))
        }
    }
}

/// An error naming every required field that has no column.
fn required_columns(schema: &Schema, columns: &[Option<usize>]) -> Result<(), String> {
    let lacking: Vec<&super::FieldSpec> = (schema.fields.iter().zip(columns))
        .filter(|(field, column)| column.is_none() && !field.optional)
        .map(|(field, _)| field)
        .collect();
    let Some(first) = lacking.first() else {
        return Ok(());
    };
    let names: Vec<String> = (lacking.iter())
        .map(|field| {
            if field.column == field.name {
                format!("`{}`", field.name)
            } else {
                format!("`{}` (column \"{}\")", field.name, field.column)
            }
        })
        .collect();
    Err(format!(
        "the input has no column for the required field{} {}; rename the column, or map it in qualify.toml under [columns], as in `{} = \"Column In Export\"`",
        if lacking.len() == 1 { "" } else { "s" },
        names.join(", "),
        first.name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_alike_ignoring_case_spaces_and_punctuation() {
        assert_eq!(normalise("E-mail"), "email");
        assert_eq!(normalise(" Job Title "), "jobtitle");
        assert_eq!(normalise("job_title"), "jobtitle");
        assert_eq!(normalise("Page Views/Visit"), "pageviewsvisit");
        assert_eq!(normalise("Ünternehmen"), "ünternehmen");
        assert_eq!(normalise("#"), "");
    }

    #[test]
    fn the_nearest_header_is_suggested() {
        let header: Vec<String> = ["Email", "Page Views Per Visit", "Lead Source"]
            .map(str::to_string)
            .to_vec();
        assert_eq!(
            nearest("Page Views/Visit", &header).as_deref(),
            Some("Page Views Per Visit")
        );
        assert_eq!(nearest("Source of Lead", &header), None);
    }
}
