//! The text encoding of an export, and its bytes turned into UTF-8 as they
//! are read. A UTF-8 export (the default) is read as it is, straight from
//! the file into the reader's buffer: only an export set to another
//! encoding, or starting with a UTF-16 byte order mark, is decoded.

use std::io::{self, Chain, Cursor, Read};

/// The encodings `[export] encoding` names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Utf8,
    /// Also what `latin-1` reads as: Windows-1252 is Latin-1 with
    /// letters and signs (`€`, `œ`, `’`) where Latin-1 has control codes
    /// no export holds, which is how browsers read Latin-1 too.
    Windows1252,
    /// Little-endian unless a byte order mark says otherwise.
    Utf16,
}

/// What an invalid record says when a value is not UTF-8 and no encoding
/// is set: the likeliest cause, and the setting that reads such a file.
pub const NOT_UTF8: &str = "the file is not UTF-8; if it was exported as Windows-1252 \
     (Excel on Windows), set `encoding = \"windows-1252\"` under [export] in qualify.toml";

impl Encoding {
    /// The encoding `[export] encoding` names (any case).
    pub fn named(name: &str) -> Result<Encoding, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" | "latin-1" | "latin1" | "iso-8859-1" => {
                Ok(Encoding::Windows1252)
            }
            "utf-16" | "utf16" => Ok(Encoding::Utf16),
            _ => Err(format!(
                "qualify.toml: [export] encoding = \"{name}\" is not one qualify reads; \
                 use \"utf-8\", \"windows-1252\", \"latin-1\" or \"utf-16\""
            )),
        }
    }

    /// `input` as UTF-8, and the bytes read from it to look for a byte
    /// order mark, which come first (none when decoded). The mark wins
    /// over the setting: UTF-16 is decoded (the mark dropped), UTF-8 read
    /// as it is (the CSV and JSON readers skip the mark).
    pub fn open<R: Read>(self, mut input: R) -> Result<(Source<R>, Vec<u8>), String> {
        let mut head = Vec::with_capacity(3);
        (&mut input)
            .take(3)
            .read_to_end(&mut head)
            .map_err(|error| format!("cannot read the input: {error}"))?;
        let marked = encoding_rs::Encoding::for_bom(&head).map(|(marked, _)| marked);
        let decoding = match (marked, self) {
            (Some(marked), _) if marked == encoding_rs::UTF_8 => None,
            (Some(marked), _) => Some(marked),
            (None, Encoding::Utf8) => None,
            (None, Encoding::Windows1252) => Some(encoding_rs::WINDOWS_1252),
            (None, Encoding::Utf16) => Some(encoding_rs::UTF_16LE),
        };
        Ok(match decoding {
            None => (Source::Utf8(input), head),
            Some(encoding) => (
                Source::Decoded(Box::new(Decoding {
                    input: Cursor::new(head).chain(input),
                    // Drops a byte order mark, and follows it.
                    decoder: encoding.new_decoder(),
                    raw: Vec::new(),
                    raw_at: 0,
                    text: Vec::new(),
                    text_at: 0,
                    ended: false,
                })),
                Vec::new(),
            ),
        })
    }
}

/// An export's bytes as UTF-8.
pub enum Source<R: Read> {
    /// UTF-8 already: the bytes as read.
    Utf8(R),
    Decoded(Box<Decoding<R>>),
}

impl<R: Read> Source<R> {
    /// Appends up to `want` bytes to `out`; returns how many. UTF-8 is
    /// read by the input's own `read_to_end`, which fills the buffer
    /// without first zeroing it (a `Read` wrapper would zero it: 3% more
    /// instructions per lead).
    pub fn read_into(&mut self, out: &mut Vec<u8>, want: u64) -> io::Result<usize> {
        match self {
            Source::Utf8(input) => input.take(want).read_to_end(out),
            Source::Decoded(decoding) => decoding.take(want).read_to_end(out),
        }
    }
}

/// The state of a decoding read: input read but not yet decoded, and
/// text decoded but not yet handed on.
pub struct Decoding<R: Read> {
    input: Chain<Cursor<Vec<u8>>, R>,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_at: usize,
    text: Vec<u8>,
    text_at: usize,
    /// The input has ended and the decoder has been told.
    ended: bool,
}

/// Input bytes decoded at a time.
const RAW_CHUNK: usize = 64 << 10;

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Utf8(input) => input.read(out),
            Source::Decoded(decoding) => decoding.read(out),
        }
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.text_at == self.text.len() && !self.ended {
            self.decode_more()?;
        }
        let text = self.text.get(self.text_at..).unwrap_or_default();
        let count = text.len().min(out.len());
        out[..count].copy_from_slice(&text[..count]);
        self.text_at += count;
        Ok(count)
    }
}

impl<R: Read> Decoding<R> {
    /// Decodes the next chunk of input into `text`.
    fn decode_more(&mut self) -> io::Result<()> {
        if self.raw_at == self.raw.len() {
            self.raw.clear();
            self.raw_at = 0;
            (&mut self.input)
                .take(RAW_CHUNK as u64)
                .read_to_end(&mut self.raw)?;
        }
        let last = self.raw.is_empty();
        let raw = self.raw.get(self.raw_at..).unwrap_or_default();
        // A byte that is not a character of the encoding (rare: Windows-1252
        // maps every byte) becomes U+FFFD, which a field then shows.
        let room = (self.decoder.max_utf8_buffer_length(raw.len())).unwrap_or(3 * raw.len() + 16);
        self.text.clear();
        self.text.resize(room, 0);
        self.text_at = 0;
        let (_, read, written, _) = self.decoder.decode_to_utf8(raw, &mut self.text, last);
        self.text.truncate(written);
        self.raw_at += read;
        self.ended = last;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(encoding: Encoding, bytes: &[u8]) -> Vec<u8> {
        let mut text = Vec::new();
        // One byte at a time: every chunk boundary.
        let (source, head) = encoding.open(bytes).expect("open");
        let mut decoded = Cursor::new(head).chain(source);
        let mut byte = [0u8; 1];
        while decoded.read(&mut byte).expect("read") == 1 {
            text.push(byte[0]);
        }
        text
    }

    #[test]
    fn windows_1252_and_latin_1_read_their_letters() {
        assert_eq!(
            read(Encoding::Windows1252, b"S\xf8ren \x80"),
            "Søren €".as_bytes()
        );
        assert_eq!(Encoding::named("Latin-1"), Ok(Encoding::Windows1252));
        assert!(Encoding::named("ebcdic").is_err());
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let utf16le = b"\xff\xfei\x00d\x00\n\x00\xf8\x00";
        assert_eq!(read(Encoding::Utf8, utf16le), "id\nø".as_bytes());
        let utf16be = b"\xfe\xff\x00i\x00d";
        assert_eq!(read(Encoding::Windows1252, utf16be), b"id");
        // UTF-8 with its mark: as it is, mark and all.
        let utf8 = "\u{feff}id,ø".as_bytes();
        assert_eq!(read(Encoding::Windows1252, utf8), utf8);
        // UTF-16 without a mark: little-endian.
        assert_eq!(read(Encoding::Utf16, b"i\x00d\x00"), b"id");
        assert_eq!(read(Encoding::Utf8, b""), b"");
        assert_eq!(read(Encoding::Windows1252, b"a"), b"a");
    }
}
