//! A lead export evaluated as a stream: records are read in batches,
//! typed and evaluated in parallel, a slice of rows per task, and handed
//! back in input order. Memory stays flat however long the export, and
//! what comes out is the same for any number of threads. Every command
//! that goes over an export (`eval`, `report`, `diff --leads`, `explain`)
//! goes through here.

use std::io::{BufReader, Read};
use std::ops::ControlFlow;

use jiff::Timestamp;
use rayon::prelude::*;

use super::{Outcome, Program, Scratch};
use crate::records::columns::Note;
use crate::records::{
    CsvLeads, ExportFormat, InputFormat, JsonLeads, JsonRow, Record, RowBatch, Schema,
};

/// Bytes of CSV read at a time (about 16,000 leads of 40 columns); each
/// batch is shared out among the threads.
const BATCH_BYTES: usize = 4 << 20;
/// JSON lines read at a time.
const BATCH_LINES: usize = 16_384;
/// Rows one task takes at a time.
const SLICE: usize = 512;

/// How an export is evaluated: against which program, read with which
/// schema, at which instant, on which threads.
pub struct Stream<'a> {
    program: &'a Program,
    schema: &'a Schema,
    now: Timestamp,
    details: bool,
    export: ExportFormat,
    pool: rayon::ThreadPool,
    /// What reading the inputs' headers told, until taken.
    notes: std::sync::Mutex<Vec<Note>>,
    /// Told each note as the header is read, before any row.
    telling: Option<&'a (dyn Fn(&Note) + Sync)>,
}

/// One thread's evaluator: it evaluates a record when asked, reusing its
/// memory from record to record.
pub struct Evaluator<'a> {
    program: &'a Program,
    now: Timestamp,
    details: bool,
    scratch: Scratch,
    outcome: Outcome,
}

impl Evaluator<'_> {
    /// The record's outcome; `None` for an invalid record.
    pub fn outcome(&mut self, record: &Record) -> Option<&Outcome> {
        if !record.is_valid() {
            return None;
        }
        self.program.evaluate_into(
            record,
            self.now,
            &mut self.scratch,
            &mut self.outcome,
            self.details,
        );
        Some(&self.outcome)
    }
}

impl<'a> Stream<'a> {
    /// `jobs` threads (`None`: one per core).
    pub fn new(
        program: &'a Program,
        schema: &'a Schema,
        now: Timestamp,
        jobs: Option<usize>,
    ) -> Result<Stream<'a>, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .build()
            .map_err(|error| match jobs {
                Some(jobs) => format!("cannot start {jobs} threads: {error}"),
                None => format!("cannot start the threads: {error}"),
            })?;
        Ok(Stream {
            program,
            schema,
            now,
            details: true,
            export: ExportFormat::default(),
            pool,
            notes: std::sync::Mutex::default(),
            telling: None,
        })
    }

    /// The program records are evaluated against.
    pub fn program(&self) -> &'a Program {
        self.program
    }

    /// Whether outcomes carry the next stage and the SLAs (on by
    /// default), or only what results without them show (faster).
    pub fn details(mut self, details: bool) -> Self {
        self.details = details;
        self
    }

    /// How exports are encoded and separated (`[export]` in qualify.toml;
    /// UTF-8, the delimiter found from the header, by default).
    pub fn export(mut self, export: ExportFormat) -> Self {
        self.export = export;
        self
    }

    /// Has `tell` told each note as an input's header is read, before any
    /// of its rows (a warning then comes before the results it concerns).
    pub fn telling(mut self, tell: &'a (dyn Fn(&Note) + Sync)) -> Self {
        self.telling = Some(tell);
        self
    }

    /// What reading the inputs gone over so far told (fields matched to
    /// columns ignoring case, mapped columns missing), for the caller to
    /// tell: taken, so each is told once.
    pub fn notes(&self) -> Vec<Note> {
        self.notes
            .lock()
            .map(|mut notes| std::mem::take(&mut *notes))
            .unwrap_or_default()
    }

    /// Goes over every record of `input`. `each` runs on the pool's
    /// threads for each record, in order within a slice of rows, adding
    /// what it wants to that slice's part (made by `part`); `take` gets
    /// the parts one at a time, in input order (where progress is shown
    /// and output written) and may stop the stream after the part.
    pub fn run<Part: Send>(
        &self,
        input: impl Read + Send,
        format: InputFormat,
        part: impl Fn() -> Part + Sync,
        each: impl Fn(&Record, &mut Evaluator<'_>, &mut Part) + Sync,
        take: impl FnMut(Part) -> Result<ControlFlow<()>, String> + Send,
    ) -> Result<(), String> {
        let work = Work {
            stream: self,
            part,
            each,
        };
        let schema = self.schema;
        self.pool.install(|| match format {
            InputFormat::Csv => {
                let mut leads = CsvLeads::new(input, schema, &self.export)?;
                if let Some(tell) = self.telling {
                    leads.notes().iter().for_each(tell);
                }
                if let Ok(mut notes) = self.notes.lock() {
                    notes.extend_from_slice(leads.notes());
                }
                let layout = leads.layout(schema);
                work.drive(
                    |batch: &mut RowBatch| leads.next_batch(batch, BATCH_BYTES),
                    |batch, index, record| {
                        if let Some(row) = batch.row(index) {
                            layout.fill(schema, row, record);
                        }
                    },
                    take,
                )
            }
            InputFormat::Jsonl => {
                let (input, head) = self.export.encoding.open(input)?;
                let input = std::io::Cursor::new(head).chain(input);
                let mut leads = JsonLeads::new(BufReader::with_capacity(1 << 20, input));
                work.drive(
                    |batch: &mut Vec<JsonRow>| leads.next_batch(batch, BATCH_LINES),
                    |batch, index, record| {
                        if let Some(row) = batch.get(index) {
                            crate::records::fill_json(schema, row, record);
                        }
                    },
                    take,
                )
            }
        })
    }
}

/// A stream's work on one input: what each slice makes of its records.
struct Work<'s, 'a, MakePart, Each> {
    stream: &'s Stream<'a>,
    part: MakePart,
    each: Each,
}

impl<Part, MakePart, Each> Work<'_, '_, MakePart, Each>
where
    Part: Send,
    MakePart: Fn() -> Part + Sync,
    Each: Fn(&Record, &mut Evaluator<'_>, &mut Part) + Sync,
{
    /// Reads batches with `next` until the input ends or `take` stops.
    fn drive<Batch: Default + Sync + Send>(
        &self,
        mut next: impl FnMut(&mut Batch) -> Result<usize, String> + Send,
        fill: impl Fn(&Batch, usize, &mut Record) + Sync,
        mut take: impl FnMut(Part) -> Result<ControlFlow<()>, String> + Send,
    ) -> Result<(), String> {
        let mut current = Batch::default();
        let mut spare = Batch::default();
        let mut count = next(&mut current)?;
        while count > 0 {
            // The next batch is read as one more task of the pool, beside
            // this batch's: with more than one thread, reading is not a
            // serial stage, and no thread is added to the pool's.
            let (parts, read) =
                rayon::join(|| self.slices(&current, count, &fill), || next(&mut spare));
            for part in parts {
                if take(part)?.is_break() {
                    return Ok(());
                }
            }
            count = read?;
            std::mem::swap(&mut current, &mut spare);
        }
        Ok(())
    }

    /// Types and evaluates the `count` rows of a batch in parallel, a
    /// slice of rows per task; the slices' parts in order.
    fn slices<Batch: Sync>(
        &self,
        batch: &Batch,
        count: usize,
        fill: &(impl Fn(&Batch, usize, &mut Record) + Sync),
    ) -> Vec<Part> {
        let stream = self.stream;
        (0..count.div_ceil(SLICE))
            .into_par_iter()
            .map_init(
                || {
                    let evaluator = Evaluator {
                        program: stream.program,
                        now: stream.now,
                        details: stream.details,
                        scratch: Scratch::default(),
                        outcome: Outcome::default(),
                    };
                    (Record::default(), evaluator)
                },
                |(record, evaluator), slice| {
                    let mut part = (self.part)();
                    for index in slice * SLICE..count.min((slice + 1) * SLICE) {
                        fill(batch, index, record);
                        (self.each)(record, evaluator, &mut part);
                    }
                    part
                },
            )
            .collect()
    }
}
