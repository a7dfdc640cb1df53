//! What a policy declares, by kind, and the names conditions can use.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, catalog, did_you_mean};
use crate::ir::{CalendarId, DefineId, FieldId, ListId, PartyId, ScoreId, StageId};
use crate::span::Span;
use crate::syntax::ast::{self, HeaderEntry, Item, Spanned};

/// Something a name in a condition can denote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Symbol {
    Field(FieldId),
    List(ListId),
    Define(DefineId),
    Score(ScoreId),
    Stage(StageId),
}

impl Symbol {
    pub fn kind(self) -> &'static str {
        match self {
            Symbol::Field(_) => "field",
            Symbol::List(_) => "list",
            Symbol::Define(_) => "define",
            Symbol::Score(_) => "score",
            Symbol::Stage(_) => "stage",
        }
    }
}

/// The declarations of one file, in order, by kind.
pub(super) struct Scope<'a> {
    pub header: Option<&'a ast::PolicyHeader>,
    pub header_span: Option<Span>,
    pub parties: Vec<(&'a ast::Name, &'a ast::Text)>,
    pub fields: Vec<&'a Spanned<ast::Field>>,
    pub lists: Vec<(&'a ast::ListDef, Span)>,
    pub defines: Vec<(&'a ast::Define, Span)>,
    pub undesirables: Vec<(&'a ast::Undesirable, Span)>,
    pub scores: Vec<(&'a ast::Score, Span)>,
    pub stages: Vec<(&'a ast::Stage, Span)>,
    pub calendars: Vec<(&'a ast::Calendar, Span)>,
    pub slas: Vec<(&'a ast::Sla, Span)>,
    pub targets: Vec<(&'a ast::Target, Span)>,
    pub examples: Vec<(&'a ast::Example, Span)>,
    pub signoffs: Vec<(&'a ast::Signoff, Span)>,
    /// Names usable in conditions: fields, lists, defines, scores, stages.
    pub names: HashMap<&'a str, Symbol>,
    pub calendar_names: HashMap<&'a str, CalendarId>,
    pub party_names: HashMap<&'a str, PartyId>,
    /// Duplicates and missing items found while collecting.
    pub problems: Vec<Diagnostic>,
}

impl<'a> Scope<'a> {
    pub fn collect(file: &'a ast::PolicyFile) -> Scope<'a> {
        let mut scope = Scope {
            header: None,
            header_span: None,
            parties: Vec::new(),
            fields: Vec::new(),
            lists: Vec::new(),
            defines: Vec::new(),
            undesirables: Vec::new(),
            scores: Vec::new(),
            stages: Vec::new(),
            calendars: Vec::new(),
            slas: Vec::new(),
            targets: Vec::new(),
            examples: Vec::new(),
            signoffs: Vec::new(),
            names: HashMap::new(),
            calendar_names: HashMap::new(),
            party_names: HashMap::new(),
            problems: Vec::new(),
        };
        let mut fields_span: Option<Span> = None;
        for item in &file.items {
            let span = item.span;
            match &item.node {
                Item::Policy(header) => {
                    if let Some(first) = scope.header_span {
                        scope.problems.push(twice(
                            span,
                            first,
                            "a `policy` header",
                            "keep one `policy` header per file",
                        ));
                    } else {
                        scope.header = Some(header);
                        scope.header_span = Some(span);
                    }
                }
                Item::Fields(fields) => {
                    if let Some(first) = fields_span {
                        scope.problems.push(twice(
                            span,
                            first,
                            "a `fields` block",
                            "declare every field in one `fields` block",
                        ));
                    } else {
                        fields_span = Some(span);
                        scope.fields.extend(fields.iter());
                    }
                }
                Item::List(list) => scope.lists.push((list, span)),
                Item::Define(define) => scope.defines.push((define, span)),
                Item::Undesirable(undesirable) => scope.undesirables.push((undesirable, span)),
                Item::Score(score) => scope.scores.push((score, span)),
                Item::Stage(stage) => scope.stages.push((stage, span)),
                Item::Calendar(calendar) => scope.calendars.push((calendar, span)),
                Item::Sla(sla) => scope.slas.push((sla, span)),
                Item::Target(target) => scope.targets.push((target, span)),
                Item::Example(example) => scope.examples.push((example, span)),
                Item::Signoff(signoff) => scope.signoffs.push((signoff, span)),
            }
        }
        scope.declare_names();
        scope.check_header(file, fields_span);
        scope
    }

    fn declare_names(&mut self) {
        let mut declared: Vec<(&'a ast::Name, Symbol)> = Vec::new();
        declared.extend(
            self.fields
                .iter()
                .enumerate()
                .map(|(i, field)| (&field.name, Symbol::Field(FieldId(i)))),
        );
        declared.extend(
            self.lists
                .iter()
                .enumerate()
                .map(|(i, (list, _))| (&list.name, Symbol::List(ListId(i)))),
        );
        declared.extend(
            self.defines
                .iter()
                .enumerate()
                .map(|(i, (define, _))| (&define.name, Symbol::Define(DefineId(i)))),
        );
        declared.extend(
            self.scores
                .iter()
                .enumerate()
                .map(|(i, (score, _))| (&score.name, Symbol::Score(ScoreId(i)))),
        );
        declared.extend(
            self.stages
                .iter()
                .enumerate()
                .map(|(i, (stage, _))| (&stage.name, Symbol::Stage(StageId(i)))),
        );
        let mut first_spans: HashMap<&str, (Span, Symbol)> = HashMap::new();
        for (name, symbol) in declared {
            match first_spans.get(name.as_str()) {
                Some(&(first, first_symbol)) => self.problems.push(
                    Diagnostic::new(
                        &catalog::DUPLICATE_NAME,
                        name.span,
                        format!("`{}` is already the name of a {}", name.node, first_symbol.kind()),
                    )
                    .with_label(format!("this {} has the same name", symbol.kind()))
                    .with_note(first, "first declared here")
                    .with_help("fields, lists, defines, scores and stages share one set of names; rename one of them"),
                ),
                None => {
                    first_spans.insert(name.as_str(), (name.span, symbol));
                    self.names.insert(name.as_str(), symbol);
                }
            }
        }
        let calendars: Vec<_> = self
            .calendars
            .iter()
            .map(|(calendar, _)| &calendar.name)
            .collect();
        self.calendar_names = unique_names(&calendars, "calendar", &mut self.problems)
            .into_iter()
            .map(|(name, i)| (name, CalendarId(i)))
            .collect();
        let names_of = |problems: &mut Vec<Diagnostic>, texts: Vec<&ast::Text>, kind: &str| {
            unique_names(&texts, kind, problems);
        };
        names_of(
            &mut self.problems,
            self.slas.iter().map(|(sla, _)| &sla.name).collect(),
            "sla",
        );
        names_of(
            &mut self.problems,
            self.targets
                .iter()
                .map(|(target, _)| &target.name)
                .collect(),
            "target",
        );
        names_of(
            &mut self.problems,
            self.examples
                .iter()
                .map(|(example, _)| &example.name)
                .collect(),
            "example",
        );
        names_of(
            &mut self.problems,
            self.undesirables
                .iter()
                .map(|(undesirable, _)| &undesirable.reason)
                .collect(),
            "undesirable",
        );
    }

    fn check_header(&mut self, file: &ast::PolicyFile, fields_span: Option<Span>) {
        let file_start = file
            .items
            .first()
            .map_or(Span::point(0), |item| Span::point(item.span.start));
        let Some(header) = self.header else {
            self.problems.push(
                Diagnostic::new(&catalog::MISSING_HEADER, file_start, "this policy has no `policy` header")
                    .with_label("the policy starts here")
                    .with_help("begin the file with `policy \"Title\" { version \"1\" party marketing \"…\" party sales \"…\" }`"),
            );
            return;
        };
        if fields_span.is_none() {
            self.problems.push(
                Diagnostic::new(&catalog::MISSING_HEADER, header.title.span, "this policy has no `fields` block")
                    .with_label("policy without fields")
                    .with_help("add `fields { … }` describing the columns of a lead record, such as `email email?`"),
            );
        }
        let mut version = false;
        for entry in &header.entries {
            match &entry.node {
                HeaderEntry::Version(_) => version = true,
                HeaderEntry::Party { name, who } => self.parties.push((name, who)),
                _ => {}
            }
        }
        if !version {
            self.problems.push(
                Diagnostic::new(&catalog::MISSING_VERSION, header.title.span, "the policy has no `version`")
                    .with_label("add a version to this header")
                    .with_help("write `version \"2026.1\"` in the header, and change it with each agreed revision"),
            );
        }
        if self.parties.is_empty() {
            self.problems.push(
                Diagnostic::new(&catalog::MISSING_PARTIES, header.title.span, "the policy names no party to agree to it")
                    .with_label("no `party` in this header")
                    .with_help("name each signing team, as in `party marketing \"Dana Kim\"` and `party sales \"Raj Patel\"`"),
            );
        }
        let parties: Vec<&ast::Name> = self.parties.iter().map(|(name, _)| *name).collect();
        self.party_names = unique_names(&parties, "party", &mut self.problems)
            .into_iter()
            .map(|(name, i)| (name, PartyId(i)))
            .collect();
    }

    /// Where each declaration in the condition namespace is written.
    pub fn declared_spans(&self) -> HashMap<Symbol, (String, Span)> {
        self.names
            .iter()
            .map(|(name, symbol)| (*symbol, (name.to_string(), self.name_span(*symbol))))
            .collect()
    }

    fn name_span(&self, symbol: Symbol) -> Span {
        match symbol {
            Symbol::Field(id) => self.fields.get(id.0).map(|field| field.name.span),
            Symbol::List(id) => self.lists.get(id.0).map(|(list, _)| list.name.span),
            Symbol::Define(id) => self.defines.get(id.0).map(|(define, _)| define.name.span),
            Symbol::Score(id) => self.scores.get(id.0).map(|(score, _)| score.name.span),
            Symbol::Stage(id) => self.stages.get(id.0).map(|(stage, _)| stage.name.span),
        }
        .unwrap_or_default()
    }

    /// Names of one kind (`kind` for messages), for "did you mean".
    pub fn names_of(&self, kind: &str) -> Vec<&'a str> {
        let mut names: Vec<&str> = self
            .names
            .iter()
            .filter(|(_, symbol)| symbol.kind() == kind || kind.is_empty())
            .map(|(name, _)| *name)
            .collect();
        names.sort_unstable();
        names
    }

    /// "unknown stage `SQl`; did you mean `SQL`?" with the names in scope.
    pub fn unknown(
        code: &'static crate::diagnostic::Code,
        kind: &str,
        name: &ast::Name,
        known: &[&str],
    ) -> Diagnostic {
        let kind = if kind == "sla" { "SLA" } else { kind };
        let suggestion = did_you_mean(&name.node, known.iter().copied());
        let message = match suggestion {
            Some(suggestion) => format!(
                "unknown {kind} `{}`; did you mean `{suggestion}`?",
                name.node
            ),
            None => format!("unknown {kind} `{}`", name.node),
        };
        let help = if known.is_empty() {
            format!("this policy declares no {kind} yet")
        } else {
            let shown: Vec<String> = known
                .iter()
                .take(12)
                .map(|name| format!("`{name}`"))
                .collect();
            let more = if known.len() > 12 { ", …" } else { "" };
            format!("known {}: {}{more}", plural(kind), shown.join(", "))
        };
        Diagnostic::new(code, name.span, message)
            .with_label(format!("not a declared {kind}"))
            .with_help(help)
    }
}

/// The first of each name with its index; later duplicates are reported.
fn unique_names<'n>(
    names: &[&'n Spanned<String>],
    kind: &str,
    problems: &mut Vec<Diagnostic>,
) -> HashMap<&'n str, usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(&first) = seen.get(name.as_str()) {
            let first_span = names.get(first).map_or(name.span, |first| first.span);
            problems.push(
                Diagnostic::new(
                    &catalog::DUPLICATE_NAME,
                    name.span,
                    format!("there is already {} named `{}`", article(kind), name.node),
                )
                .with_label(format!("second {kind} with this name"))
                .with_note(first_span, "first declared here")
                .with_help(format!("give each {kind} its own name")),
            );
        } else {
            seen.insert(name.as_str(), i);
        }
    }
    seen
}

fn twice(span: Span, first: Span, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new(
        &catalog::MISSING_HEADER,
        Span::new(span.start, span.start + 1),
        format!("this file has {what} twice"),
    )
    .with_label("second one")
    .with_note(Span::new(first.start, first.start + 1), "first one")
    .with_help(help)
}

/// "parties", "SLAs", "fields".
fn plural(kind: &str) -> String {
    match kind {
        "party" => "parties".to_string(),
        "sla" | "SLA" => "SLAs".to_string(),
        _ => format!("{kind}s"),
    }
}

/// "an undesirable", "an SLA", "a stage".
fn article(kind: &str) -> String {
    match kind {
        "sla" => "an SLA".to_string(),
        kind if kind.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {kind}"),
        kind => format!("a {kind}"),
    }
}
