// Temporary driver while the front end is built: `qualify check FILE…`.
mod syntax { pub mod grammar; }
use pest::Parser;
fn main() {
    let mut bad = false;
    for path in std::env::args().skip(2) {
        let src = std::fs::read_to_string(&path).unwrap();
        match syntax::grammar::QualifyParser::parse(syntax::grammar::Rule::file, &src) {
            Ok(_) => println!("{path}: ok"),
            Err(e) => { bad = true; println!("{path}:\n{e}") }
        }
    }
    std::process::exit(if bad { 2 } else { 0 });
}
