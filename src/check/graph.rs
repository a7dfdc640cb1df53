//! What depends on what: defines, scores, stages and undesirables refer to
//! each other by name. A cycle has no meaning and is reported; otherwise
//! the graph gives the order in which defines are checked.

use std::collections::HashMap;

use super::scope::{Scope, Symbol};
use crate::diagnostic::{Diagnostic, catalog};
use crate::span::Span;
use crate::syntax::ast::{self, ScoreRuleKind, StageClause};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Node {
    Define(usize),
    Score(usize),
    Stage(usize),
    Undesirable(usize),
}

pub(super) struct Graph {
    nodes: Vec<Node>,
    index: HashMap<Node, usize>,
    /// `edges[i]`: the nodes node `i` depends on, with where the reference is written.
    edges: Vec<Vec<(usize, Span)>>,
}

impl Graph {
    pub fn build(scope: &Scope<'_>) -> Graph {
        let mut nodes = Vec::new();
        nodes.extend((0..scope.defines.len()).map(Node::Define));
        nodes.extend((0..scope.scores.len()).map(Node::Score));
        nodes.extend((0..scope.stages.len()).map(Node::Stage));
        nodes.extend((0..scope.undesirables.len()).map(Node::Undesirable));
        let index: HashMap<Node, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (*node, i))
            .collect();
        let mut graph = Graph {
            edges: vec![Vec::new(); nodes.len()],
            nodes,
            index,
        };
        for (i, (define, _)) in scope.defines.iter().enumerate() {
            graph.depend_on_names(scope, Node::Define(i), &define.value);
        }
        for (i, (score, _)) in scope.scores.iter().enumerate() {
            for rule in &score.rules {
                let expr = match &rule.kind {
                    ScoreRuleKind::If(condition) => condition,
                    ScoreRuleKind::Per { quantity, .. } => quantity,
                };
                graph.depend_on_names(scope, Node::Score(i), expr);
            }
        }
        for (i, (undesirable, _)) in scope.undesirables.iter().enumerate() {
            graph.depend_on_names(scope, Node::Undesirable(i), &undesirable.condition);
        }
        for (i, (stage, _)) in scope.stages.iter().enumerate() {
            for clause in &stage.clauses {
                match &clause.node {
                    StageClause::Requires(criterion) => {
                        graph.depend_on_names(scope, Node::Stage(i), &criterion.condition)
                    }
                    StageClause::After(stages) => {
                        for name in stages {
                            if let Some(Symbol::Stage(id)) = scope.names.get(name.as_str()) {
                                graph.depend(Node::Stage(i), Node::Stage(id.0), name.span);
                            }
                        }
                    }
                    StageClause::Owner(_) => {}
                }
            }
            // Whether a stage is reached depends on the undesirables that block it.
            for (u, (undesirable, _)) in scope.undesirables.iter().enumerate() {
                let blocks = undesirable.blocks.is_empty()
                    || undesirable
                        .blocks
                        .iter()
                        .any(|name| name.node == stage.name.node);
                if blocks {
                    graph.depend(
                        Node::Stage(i),
                        Node::Undesirable(u),
                        undesirable.reason.span,
                    );
                }
            }
        }
        graph
    }

    fn depend(&mut self, from: Node, to: Node, at: Span) {
        if let (Some(&from), Some(&to)) = (self.index.get(&from), self.index.get(&to)) {
            self.edges[from].push((to, at));
        }
    }

    fn depend_on_names(&mut self, scope: &Scope<'_>, from: Node, expr: &ast::Expr) {
        expr.visit_names(&mut |name| {
            let to = match scope.names.get(name.as_str()) {
                Some(Symbol::Define(id)) => Node::Define(id.0),
                Some(Symbol::Score(id)) => Node::Score(id.0),
                Some(Symbol::Stage(id)) => Node::Stage(id.0),
                _ => return,
            };
            self.depend(from, to, name.span);
        });
    }

    /// Strongly connected components, dependencies first (Tarjan's
    /// algorithm, iterative so a long chain of defines cannot exhaust the stack).
    fn components(&self) -> Vec<Vec<usize>> {
        let n = self.nodes.len();
        let mut order = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut components = Vec::new();
        let mut counter = 0;
        for root in 0..n {
            if order[root] != usize::MAX {
                continue;
            }
            let mut work = vec![(root, 0usize)];
            while let Some(&mut (node, ref mut next)) = work.last_mut() {
                if *next == 0 && order[node] == usize::MAX {
                    order[node] = counter;
                    low[node] = counter;
                    counter += 1;
                    stack.push(node);
                    on_stack[node] = true;
                }
                if let Some(&(to, _)) = self.edges[node].get(*next) {
                    *next += 1;
                    if order[to] == usize::MAX {
                        work.push((to, 0));
                    } else if on_stack[to] {
                        low[node] = low[node].min(order[to]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == order[node] {
                    let mut component = Vec::new();
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component.push(member);
                        if member == node {
                            break;
                        }
                    }
                    components.push(component);
                }
            }
        }
        components
    }

    /// Reports every cycle; returns the defines not in one, each after
    /// those it uses.
    pub fn check_cycles(&self, scope: &Scope<'_>, problems: &mut Vec<Diagnostic>) -> Vec<usize> {
        let mut define_order = Vec::new();
        for component in self.components() {
            let cyclic = component.len() > 1
                || component
                    .iter()
                    .any(|&node| self.edges[node].iter().any(|(to, _)| *to == node));
            for &member in &component {
                if let (Node::Define(d), false) = (self.nodes[member], cyclic) {
                    define_order.push(d);
                }
            }
            // A circle through two stages always has a stage using a later
            // one, which is reported where it is written (after-later-stage).
            let stages = component
                .iter()
                .filter(|&&node| matches!(self.nodes[node], Node::Stage(_)))
                .count();
            if cyclic && stages < 2 {
                problems.push(self.cycle_diagnostic(scope, &component));
            }
        }
        define_order
    }

    fn cycle_diagnostic(&self, scope: &Scope<'_>, component: &[usize]) -> Diagnostic {
        // Walk the cycle from its first-declared member, staying inside the component.
        let start = component
            .iter()
            .copied()
            .min_by_key(|&node| self.declaration(scope, node).1.start)
            .unwrap_or(0);
        let mut path = vec![start];
        let mut at = start;
        let mut first_reference = None;
        while let Some(&(next, span)) = self.edges[at].iter().find(|(to, _)| component.contains(to))
        {
            first_reference.get_or_insert(span);
            if path.contains(&next) {
                path.push(next);
                break;
            }
            path.push(next);
            at = next;
        }
        let names: Vec<String> = path
            .iter()
            .map(|&node| format!("`{}`", self.declaration(scope, node).0))
            .collect();
        let (name, span) = self.declaration(scope, start);
        let mut diagnostic = Diagnostic::new(
            &catalog::CIRCULAR_DEFINITION,
            span,
            format!("`{name}` depends on itself: {}", names.join(" → ")),
        )
        .with_label("defined in terms of itself")
        .with_help("break the circle: one of these must be decided without the others");
        if let Some(reference) = first_reference {
            diagnostic = diagnostic.with_note(reference, "the circle starts here");
        }
        diagnostic
    }

    fn declaration(&self, scope: &Scope<'_>, node: usize) -> (String, Span) {
        let found = match self.nodes[node] {
            Node::Define(i) => scope
                .defines
                .get(i)
                .map(|(d, _)| (d.name.node.clone(), d.name.span)),
            Node::Score(i) => scope
                .scores
                .get(i)
                .map(|(s, _)| (s.name.node.clone(), s.name.span)),
            Node::Stage(i) => scope
                .stages
                .get(i)
                .map(|(s, _)| (s.name.node.clone(), s.name.span)),
            Node::Undesirable(i) => scope
                .undesirables
                .get(i)
                .map(|(u, _)| (format!("undesirable \"{}\"", u.reason.node), u.reason.span)),
        };
        found.unwrap_or_default()
    }

    /// The stages a stage's criteria use, through defines and scores, with
    /// where each use is written (the stage's own `after` included).
    pub fn stages_used_by(&self, stage: usize) -> Vec<(usize, Span)> {
        let Some(&start) = self.index.get(&Node::Stage(stage)) else {
            return Vec::new();
        };
        let mut used = Vec::new();
        let mut seen = vec![false; self.nodes.len()];
        // (node, where the path from the stage starts)
        let mut work: Vec<(usize, Span)> = self.edges[start].clone();
        while let Some((node, at)) = work.pop() {
            if std::mem::replace(&mut seen[node], true) {
                continue;
            }
            match self.nodes[node] {
                Node::Stage(other) => used.push((other, at)),
                Node::Define(_) | Node::Score(_) => {
                    work.extend(self.edges[node].iter().map(|(to, _)| (*to, at)))
                }
                Node::Undesirable(_) => {}
            }
        }
        used
    }
}
