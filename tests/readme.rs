//! The README's schedule-file example is a real, valid schedule file.

#[test]
fn readme_schedule_example_loads() -> Result<(), Box<dyn std::error::Error>> {
    let readme = include_str!("../README.md");
    // The schedule file's block: the TOML block with meetings in it.
    let start = readme
        .match_indices("```toml\n")
        .map(|(i, _)| i + 8)
        .find(|&i| {
            readme[i..]
                .split("```")
                .next()
                .is_some_and(|b| b.contains("[[meetings]]"))
        })
        .ok_or("no toml block with meetings in README")?;
    let len = readme[start..].find("```").ok_or("unterminated toml block")?;
    let schedule =
        convenor::Schedule::from_toml_str(&readme[start..start + len])?;
    let saturday =
        schedule.meeting("co-occurring-saturday").ok_or("no meeting")?;
    assert_eq!(saturday.changes().len(), 5);
    assert_eq!(
        saturday.segments()[0].rule().to_string(),
        "every saturday at 07:00"
    );
    Ok(())
}
