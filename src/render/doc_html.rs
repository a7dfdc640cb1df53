//! The agreement as one self-contained HTML page to print and sign: inline
//! CSS, no scripts, a page break before each section, the funnel drawn as
//! inline SVG, and a signature block per party.

use std::fmt::Write as _;

use super::doc::{Block, Document, Party, SignoffState};
use super::escape;
use super::plain::Phrase;
use super::report_html::BASE_STYLE;

const STYLE: &str = "section.part,section.signatures{page-break-before:always}\
th{text-align:left;background:#f3f0ea}td{vertical-align:top}\
ul.check{list-style:none;padding-left:1rem}ul.check>li::before{content:\"\\2610\\00a0\"}\
.stale,.missing{color:#a00}.current{color:#060}\
.signature{border:1px solid #999;padding:.5rem 1rem;margin:1rem 0;page-break-inside:avoid}\
.line{border-bottom:1px solid #444;height:2.2rem;margin:.6rem 0 .2rem;width:70%}\
.label{font-size:.8rem;color:#555}";

/// Funnel drawing: width, band height and the gap between bands.
const FUNNEL_WIDTH: f64 = 520.0;
const BAND: f64 = 46.0;
const GAP: f64 = 4.0;

pub fn html(document: &Document) -> String {
    let mut out = String::new();
    let title = escape::html(&document.title);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{BASE_STYLE}{STYLE}</style></head><body>"
    );
    let _ = writeln!(out, "<h1>{title}</h1>");
    if let Some(summary) = &document.summary {
        let _ = writeln!(out, "<p>{}</p>", escape::html(summary));
    }
    let _ = writeln!(out, "<p>{}</p>", escape::html(&document.version));
    out.push_str("<table class=\"parties\"><tr><th>Party</th><th>Who</th><th>Sign-off</th></tr>\n");
    for party in &document.parties {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            escape::html(&party.name),
            escape::html(&party.who),
            state_class(party.state),
            escape::html(&party.state_text())
        );
    }
    out.push_str("</table>\n");
    for (number, section) in document.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section class=\"part\"><h2>{}. {}</h2>",
            number + 1,
            escape::html(section.title)
        );
        for block in &section.blocks {
            write_block(block, &mut out);
        }
        out.push_str("</section>\n");
    }
    signatures(&document.parties, &mut out);
    out.push_str("</body></html>\n");
    out
}

fn state_class(state: SignoffState) -> &'static str {
    match state {
        SignoffState::Current => "current",
        SignoffState::Stale => "stale",
        SignoffState::Missing => "missing",
    }
}

fn write_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "<h3>{}</h3>", escape::html(text));
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape::html(text));
        }
        Block::Fact(label, text) => {
            let _ = writeln!(out, "<p><b>{label}:</b> {}</p>", escape::html(text));
        }
        Block::Table { head, rows } => {
            out.push_str("<table><tr>");
            for cell in head {
                let _ = write!(out, "<th>{cell}</th>");
            }
            out.push_str("</tr>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", escape::html(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Items { checklist, items } => {
            out.push_str(if *checklist {
                "<ul class=\"check\">\n"
            } else {
                "<ul>\n"
            });
            for item in items {
                out.push_str("<li>");
                let outline = item
                    .phrase
                    .as_ref()
                    .map(Phrase::outline)
                    .unwrap_or_default();
                if let Some(lead) = &item.lead {
                    let _ = write!(out, "<b>{}</b>", escape::html(lead));
                    if !outline.is_empty() {
                        out.push_str(" — ");
                    }
                }
                outline_html(&outline, out);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Funnel(levels) => funnel(levels, out),
    }
}

/// An outline's first line inline, the rest as nested lists (each line
/// is at most one level deeper than the one before).
fn outline_html(lines: &[(usize, String)], out: &mut String) {
    let mut lines = lines.iter();
    if let Some((_, first)) = lines.next() {
        out.push_str(&escape::html(first));
    }
    let mut open = 0;
    for (depth, text) in lines {
        if *depth > open {
            out.push_str("<ul>");
            open += 1;
        } else {
            out.push_str("</li>");
            while open > *depth {
                out.push_str("</ul></li>");
                open -= 1;
            }
        }
        let _ = write!(out, "<li>{}", escape::html(text));
    }
    if open > 0 {
        out.push_str("</li>");
    }
    while open > 0 {
        out.push_str("</ul>");
        open -= 1;
        if open > 0 {
            out.push_str("</li>");
        }
    }
}

/// The funnel: one band per level, narrowing downwards, each band shared
/// by the stages of that level.
fn funnel(levels: &[Vec<(String, String)>], out: &mut String) {
    let count = levels.len().max(1) as f64;
    let height = BAND * count + GAP * (count - 1.0) + 2.0;
    // Half of the band's width at a given depth (0 at the top, count at the bottom).
    let half = |depth: f64| FUNNEL_WIDTH / 2.0 * (1.0 - 0.55 * depth / count);
    let centre = FUNNEL_WIDTH / 2.0;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"funnel\" width=\"{FUNNEL_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {FUNNEL_WIDTH} {height}\">"
    );
    for (depth, stages) in levels.iter().enumerate() {
        let (top_y, bottom_y) = (
            1.0 + depth as f64 * (BAND + GAP),
            1.0 + depth as f64 * (BAND + GAP) + BAND,
        );
        let (top, bottom) = (half(depth as f64), half(depth as f64 + 1.0));
        let parts = stages.len().max(1) as f64;
        for (i, (name, long_name)) in stages.iter().enumerate() {
            let at = |half: f64, share: f64| centre - half + 2.0 * half * share;
            let (left, right) = (i as f64 / parts, (i as f64 + 1.0) / parts);
            let _ = write!(
                out,
                "<polygon points=\"{:.1},{top_y} {:.1},{top_y} {:.1},{bottom_y} {:.1},{bottom_y}\" fill=\"#a74\" stroke=\"#fff\" stroke-width=\"3\"/>",
                at(top, left),
                at(top, right),
                at(bottom, right),
                at(bottom, left)
            );
            let x = (at(top, left) + at(top, right)) / 2.0;
            let _ = write!(
                out,
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" font-weight=\"bold\">{}</text><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"10\">{}</text>",
                top_y + 19.0,
                escape::html(name),
                top_y + 35.0,
                escape::html(long_name)
            );
        }
    }
    out.push_str("</svg>\n");
}

/// A block per party to sign on paper.
fn signatures(parties: &[Party], out: &mut String) {
    out.push_str("<section class=\"signatures\"><h2>Signatures</h2>\n<p>By signing, each party agrees to this agreement as written above.</p>\n");
    for party in parties {
        let _ = writeln!(
            out,
            "<div class=\"signature\"><h3>{}</h3><p>{}</p><p class=\"{}\">Recorded sign-off: {}</p>\
             <div class=\"line\"></div><div class=\"label\">Signature</div>\
             <div class=\"line\"></div><div class=\"label\">Name</div>\
             <div class=\"line\"></div><div class=\"label\">Date</div></div>",
            escape::html(&party.name),
            escape::html(&party.who),
            state_class(party.state),
            escape::html(&party.state_text())
        );
    }
    out.push_str("</section>\n");
}
