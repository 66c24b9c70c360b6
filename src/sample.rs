//! Generated content for benchmarks and tests: `n` systems with metrics, tags
//! and multi-paragraph case studies, as TOML text.

/// A portfolio of `n` systems with case studies, as TOML.
pub fn generated(n: usize) -> String {
    let mut s = String::from(
        "[profile]\nname = \"Test Person\"\nheadline = \"Generated\"\nsummary = \"A generated portfolio.\"\n\n\
         [portfolio]\ntitle = \"Systems\"\n",
    );
    for i in 0..n {
        let para = format!(
            "System {i} paragraph: measured the kernel across tile sizes, registers and occupancy, \
             recorded each configuration, and kept what held up under repeated runs. "
        )
        .repeat(3 + i % 5);
        let para = para.trim_end();
        s.push_str(&format!(
            "\n[[systems]]\ntitle = \"System number {i}\"\ntagline = \"Tagline {i}\"\nstatus = \"active\"\n\
             start = 2020\nend = 2024\nsummary = \"Summary of system {i}.\"\ntags = [\"Tag{i}\", \"CUDA\", \"Systems\"]\n\
             metrics = [{{ value = \"{i}.5x\", label = \"Speed\", detail = \"Versus baseline.\" }}, \
             {{ value = \"{i}\", label = \"Count\", detail = \"Things.\" }}]\n\
             [systems.case_study]\nmotivation = \"{para}\"\narchitecture = \"{para}\\n\\n- first point {i}\\n- second point {i}\"\n\
             results = \"{para}\"\nlessons = \"{para}\"\n"
        ));
    }
    s
}
