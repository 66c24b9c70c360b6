//! A generated portfolio with full case studies, for benchmarks (`folio sample N
//! --full`): every system has all eight case-study fields of two or three
//! paragraphs (one field with a short list), three or four metrics, tags and
//! links, and the file has ten experience entries, education, skills and
//! publications. Everything in it is fictional. The text is drawn from fixed
//! word lists with a fixed seed, so the same `n` always gives the same file and
//! words recur roughly as they do in real prose.

use std::fmt::Write;

/// A small deterministic generator (64-bit LCG, top bits).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.next() % (hi - lo + 1)
    }
}

const SUBJECTS: &[&str] = &[
    "The scheduler",
    "Each worker",
    "The first prototype",
    "The kernel",
    "The ingest path",
    "Our benchmark harness",
    "The cache layer",
    "The tokenizer",
    "The allocator",
    "The replication log",
    "Every shard",
    "The query planner",
    "The second version",
    "The compaction job",
    "The serving tier",
];

const VERBS: &[&str] = &[
    "spent most of its time",
    "was limited by",
    "moved the bottleneck to",
    "traded memory for",
    "kept a running estimate of",
    "measured the cost of",
    "cut the variance of",
    "doubled the throughput of",
    "removed a copy from",
    "exposed a stall in",
    "batched the work of",
    "reordered the writes of",
];

const OBJECTS: &[&str] = &[
    "shared-memory bank conflicts",
    "the p99 latency",
    "register pressure",
    "cold starts after a deploy",
    "lock contention on the hot path",
    "page faults in the mapped index",
    "the garbage collector",
    "network round trips between zones",
    "the fsync at the end of each batch",
    "branch mispredictions in the parser",
    "cache misses on the lookup table",
    "the retry storm after a failover",
    "queueing delay under bursty load",
    "the serialisation of large messages",
];

const TAILS: &[&str] = &[
    "under a realistic load",
    "at 32k tokens",
    "on the smallest instance type",
    "when the working set outgrew memory",
    "in every run we repeated",
    "once the clocks were locked",
    "across three hardware generations",
    "without changing the public API",
    "with the same source on both targets",
    "at the median and at the tail",
];

const CLOSERS: &[&str] = &[
    "Profiling showed the real cost was elsewhere.",
    "We kept the simpler design because it was easier to measure.",
    "The change paid for itself within a week.",
    "Nothing else in the system needed to move.",
    "That result held up when a colleague re-ran it on fresh hardware.",
    "It was the largest single win of the project.",
    "The numbers are medians of fifty runs after ten warm-up runs.",
    "A regression test now guards it.",
];

const TAGS: &[&str] = &[
    "Rust",
    "CUDA",
    "Go",
    "C++",
    "Python",
    "Kubernetes",
    "PostgreSQL",
    "Kafka",
    "gRPC",
    "Linux",
    "LLVM",
    "Distributed Systems",
    "Storage",
    "Networking",
    "Compilers",
    "Inference",
    "Observability",
    "Security",
];

const METRIC_LABELS: &[(&str, &str)] = &[
    ("Throughput", "Versus the previous release under the same load."),
    ("p99 latency", "Measured at the load balancer over a day."),
    ("Memory", "Peak resident set at the largest input."),
    ("Cost", "Monthly cloud bill for the same traffic."),
    ("Startup", "Cold start to first request served."),
    ("Errors", "Failed requests per million."),
    ("Nodes", "Machines in the production cluster."),
];

const ORGS: &[&str] = &[
    "Northwind Compute",
    "Example Robotics",
    "Fictional Data Co.",
    "Placeholder Labs",
    "Sample Systems GmbH",
    "Imaginary Networks",
    "Demo Analytics",
    "Contoso Storage",
    "Acme Inference",
    "Nowhere University",
];

/// One sentence of plausible technical prose.
fn sentence(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "{} {} {} {}",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(TAILS)
    );
    match rng.next() % 4 {
        0 => {
            let _ = write!(out, ", by **{}.{}x**", rng.range(1, 9), rng.range(0, 9));
        }
        1 => {
            let _ = write!(
                out,
                " (`{}`)",
                rng.pick(&["perf stat", "flamegraph", "nsys", "bpftrace", "pprof"])
            );
        }
        _ => {}
    }
    out.push_str(". ");
    if rng.next().is_multiple_of(3) {
        out.push_str(rng.pick(CLOSERS));
        out.push(' ');
    }
}

/// `count` paragraphs of two sentences (each sometimes followed by a short remark), separated by blank lines.
fn paragraphs(rng: &mut Rng, count: usize) -> String {
    let mut out = String::new();
    for p in 0..count {
        if p > 0 {
            out.push_str("\n\n");
        }
        for _ in 0..2 {
            sentence(rng, &mut out);
        }
        out.truncate(out.trim_end().len());
    }
    out
}

/// `text` as a TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A fictional portfolio of `n` systems with full case studies, as TOML.
pub fn sample_full(n: usize) -> String {
    let mut rng = Rng(0x5eed_f011_0000_0001);
    let mut s = String::new();
    s.push_str(
        "[profile]\nname = \"Sam Placeholder\"\nheadline = \"Fictional systems engineer\"\n\
         email = \"sam@example.com\"\nlocation = \"Exampleville\"\nwebsite = \"https://sam.example.com\"\n\
         links = [{ label = \"Code\", url = \"https://code.example.com/sam\" }]\n",
    );
    let _ = writeln!(s, "summary = {}", quoted(&paragraphs(&mut rng, 2)));
    s.push_str("\n[portfolio]\ntitle = \"Systems\"\nsubtitle = \"Generated case studies\"\n");
    let _ = writeln!(s, "intro = {}", quoted(&paragraphs(&mut rng, 1)));
    for i in 0..n {
        let start = 2010 + i % 12;
        let _ = write!(
            s,
            "\n[[systems]]\ntitle = \"{} system {i}\"\ntagline = \"{} for {}\"\nstatus = \"{}\"\nstart = {start}\nend = {}\n",
            rng.pick(&["Storage", "Inference", "Streaming", "Compiler", "Scheduler", "Network"]),
            rng.pick(OBJECTS),
            rng.pick(&["a trading desk", "a search engine", "a robot fleet", "a data warehouse"]),
            rng.pick(&["active", "shipped", "archived"]),
            start + rng.range(1, 3),
        );
        let _ = writeln!(s, "summary = {}", quoted(&paragraphs(&mut rng, 1)));
        let tags: Vec<String> = (0..rng.range(3, 5)).map(|_| quoted(rng.pick(TAGS))).collect();
        let mut tags_unique: Vec<String> = Vec::new();
        for t in tags {
            if !tags_unique.contains(&t) {
                tags_unique.push(t);
            }
        }
        let _ = writeln!(s, "tags = [{}]", tags_unique.join(", "));
        let _ = writeln!(
            s,
            "links = [{{ label = \"Write-up\", url = \"https://sam.example.com/systems/{i}\" }}]"
        );
        s.push_str("metrics = [\n");
        for m in 0..rng.range(3, 4) {
            let (label, detail) = METRIC_LABELS[(i + m * 3) % METRIC_LABELS.len()];
            let _ = writeln!(
                s,
                "  {{ value = \"{}.{}x\", label = \"{label}\", detail = \"{detail}\" }},",
                rng.range(1, 9),
                rng.range(0, 9)
            );
        }
        s.push_str("]\n[systems.case_study]\n");
        // every `[systems.case_study]` key, in print order, as the format declares them
        let case_study = <crate::content::raw::CaseStudy as crate::content::Record>::FIELDS;
        for (k, key) in case_study.iter().map(|f| f.name).enumerate() {
            let count = rng.range(2, 3);
            let mut text = paragraphs(&mut rng, count);
            if k == (i % case_study.len()) {
                text.push('\n');
                for _ in 0..3 {
                    text.push_str("\n- ");
                    sentence(&mut rng, &mut text);
                    text.truncate(text.trim_end().len());
                }
            }
            let _ = writeln!(s, "{key} = {}", quoted(&text));
        }
    }
    for (i, org) in ORGS.iter().enumerate() {
        let start = 2024 - 2 * i as i32;
        let _ = write!(
            s,
            "\n[[experience]]\nrole = \"{}\"\norganization = \"{org}\"\nlocation = \"Remote\"\nstart = \"{start}-0{}\"\nend = \"{}\"\n",
            rng.pick(&["Staff engineer", "Senior engineer", "Engineer", "Research engineer"]),
            1 + i % 9,
            if i == 0 { "present".to_string() } else { format!("{}-0{}", start + 2, 1 + i % 9) },
        );
        let _ = writeln!(s, "summary = {}", quoted(&paragraphs(&mut rng, 1)));
        let highlights: Vec<String> = (0..rng.range(2, 4))
            .map(|_| {
                let mut h = String::new();
                sentence(&mut rng, &mut h);
                quoted(h.trim_end())
            })
            .collect();
        let _ = writeln!(s, "highlights = [{}]", highlights.join(", "));
    }
    s.push_str(
        "\n[[education]]\ninstitution = \"Nowhere University\"\ndegree = \"MSc\"\nfield = \"Computer Science\"\nstart = 2006\nend = 2008\n\
         \n[[skills]]\ngroup = \"Languages\"\nitems = [\"Rust\", \"C++\", \"Go\", \"Python\"]\n\
         \n[[skills]]\ngroup = \"Systems\"\nitems = [\"Linux\", \"Kubernetes\", \"PostgreSQL\", \"Kafka\"]\n\
         \n[[publications]]\ntitle = \"Measuring tail latency honestly\"\nauthors = [\"Sam Placeholder\"]\nvenue = \"Example Systems Workshop\"\ndate = \"2022-06\"\n",
    );
    s
}
