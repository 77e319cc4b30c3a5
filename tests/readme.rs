//! The README's schedule-file example is a real, valid schedule file.

#[test]
fn readme_schedule_example_loads() -> Result<(), Box<dyn std::error::Error>> {
    let readme = include_str!("../README.md");
    let start = readme.find("```toml\n").ok_or("no toml block in README")? + 8;
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
