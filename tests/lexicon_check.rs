//! `slant lexicon check` as a user meets it: every problem at file:line:col with the line and a
//! hint, all of them in one run, and the documented exit codes (0 clean, 1 examples failed,
//! 78 invalid lexicon).

use assert_cmd::Command;
use predicates::str::contains;

fn check(src: &str) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mine.toml");
    std::fs::write(&f, src).unwrap();
    let a = Command::cargo_bin("slant")
        .unwrap()
        .current_dir(dir.path())
        .args(["lexicon", "check", "mine.toml"])
        .assert();
    drop(dir);
    a
}

#[test]
fn every_problem_is_reported_with_its_place_and_exit_78() {
    check(
        "[[category]]\nid = \"c\"\n\n[[term]]\nid = \"a\"\ncategory = \"c\"\npatterns = [\"\"]\n\n[[term]]\nid = \"a\"\ncategory = \"nope\"\npatterns = [\"--\", \"mil*tia\"]\n",
    )
    .code(78)
    .stderr(contains("mine.toml:7:13: term `a`: pattern `` can never match: the pattern is empty"))
    .stderr(contains("mine.toml:10:6: duplicate term id `a` (first defined at mine.toml:5)"))
    .stderr(contains("mine.toml:11:12: term `a`: unknown category `nope`"))
    .stderr(contains("= hint: categories are: c"))
    .stderr(contains("pattern `--` can never match: the pattern has no letter or digit"))
    .stderr(contains("pattern `mil*tia` can never match: `*` is only allowed at the end"))
    .stderr(contains("5 error(s) in lexicons: nothing was run"));
}

#[test]
fn an_unknown_key_names_line_column_and_the_keys_expected() {
    check(
        "[[category]]\nid = \"c\"\n\n[[term]]\nid = \"t\"\ncategory = \"c\"\npaterns = [\"x\"]\n",
    )
    .code(78)
    .stderr(contains("mine.toml:7:1: unknown key `paterns`"))
    .stderr(contains("7 | paterns = [\"x\"]"))
    .stderr(contains("hint: did you mean `patterns`? expected one of"));
}

#[test]
fn the_same_pattern_in_two_terms_names_both() {
    check(
        "[[category]]\nid = \"c\"\n\n[[term]]\nid = \"one\"\ncategory = \"c\"\npatterns = [\"militia\"]\n\n[[term]]\nid = \"two\"\ncategory = \"c\"\npatterns = [\"proxy\", \"militia\"]\n",
    )
    .code(78)
    .stderr(contains(
        "mine.toml:12:22: pattern `militia` of term `two` is also a pattern of term `one` (mine.toml:5)",
    ))
    .stderr(contains("hint: keep it in one term"));
}

#[test]
fn examples_run_and_failures_exit_1() {
    check(
        "[[category]]\nid = \"c\"\n\n[[term]]\nid = \"t\"\ncategory = \"c\"\npatterns = [\"militia\"]\nmatch = [\"No such word here.\"]\nno_match = [\"A militia came.\"]\n",
    )
    .code(1)
    .stderr(contains("example failed: mine.toml:5: term `t`: should match but does not"))
    .stderr(contains("should not match but matches `militia`"))
    .stdout(contains("0 of 2 examples passed"));
}

#[test]
fn a_clean_lexicon_exits_0() {
    check(
        "[[category]]\nid = \"c\"\n\n[[term]]\nid = \"t\"\ncategory = \"c\"\npatterns = [\"Iran-backed\"]\nmatch = [\"An Iran backed group.\"]\nno_match = [\"iran-backed, lower case.\"]\n",
    )
    .code(0)
    .stdout(contains("2 of 2 examples passed"));
}

/// Regression (new-user trial, session 11): two speakers with the same mistyped group were both
/// reported at the first one's line, and neither message said which speaker it was.
#[test]
fn each_unknown_group_is_named_at_its_own_speaker() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("groups.toml"),
        "[[group]]\nid = \"varnia_government\"\n\n\
         [[speaker]]\nname = \"Ana Ruiz\"\ngroup = \"varnia_govt\"\n\n\
         [[speaker]]\nname = \"Tomas Vidal\"\ngroup = \"varnia_govt\"\n",
    )
    .unwrap();
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(dir.path())
        .args(["lexicon", "check", "groups.toml"])
        .assert()
        .code(78)
        .stderr(contains(
            "groups.toml:6:9: speaker `Ana Ruiz`: unknown group `varnia_govt`",
        ))
        .stderr(contains(
            "groups.toml:10:9: speaker `Tomas Vidal`: unknown group `varnia_govt`",
        ))
        // Without `[settings]`, the bundled study's side groups are not asked of a file
        // that does not have them.
        .stderr(contains("2 error(s) in lexicons"));
    // Fixed, the file checks clean on its own.
    std::fs::write(
        dir.path().join("groups.toml"),
        "[[group]]\nid = \"varnia_government\"\n\n\
         [[speaker]]\nname = \"Ana Ruiz\"\ngroup = \"varnia_government\"\n",
    )
    .unwrap();
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(dir.path())
        .args(["lexicon", "check", "groups.toml"])
        .assert()
        .code(0)
        .stdout(contains("groups.toml: OK"));
}

#[test]
fn a_homograph_must_be_a_listed_verb_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("speech.toml"),
        "[[verb]]\nforms = [\"state\", \"states\", \"stated\"]\ncategory = \"neutral\"\n\n\
         [homographs]\nforms = [\"states\", \"posts\"]\n",
    )
    .unwrap();
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(dir.path())
        .args(["lexicon", "check", "speech.toml"])
        .assert()
        .code(78)
        .stderr(contains(
            "speech.toml:6:20: homograph `posts` is not a verb form of this file",
        ))
        .stderr(contains("1 error(s) in lexicons"));
}

/// Regression (new-user trial, session 12): a role appended to give a shipped pattern a group
/// of one's own was silently outranked by the first entry; `lexicon check` said OK.
#[test]
fn a_role_pattern_listed_twice_names_both_places() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("groups.toml"),
        "[[group]]\nid = \"protesters\"\n\n[[group]]\nid = \"other\"\n\n\
         [[role]]\npattern = \"protester\"\ngroup = \"other\"\n\n\
         [[role]]\npattern = \"protester\"\ngroup = \"protesters\"\n",
    )
    .unwrap();
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(dir.path())
        .args(["lexicon", "check", "groups.toml"])
        .assert()
        .code(78)
        .stderr(contains(
            "groups.toml:12:11: role `protester` is listed twice (group `other`, then `protesters`)",
        ))
        .stderr(contains(
            "hint: keep one entry: change the group of the first (line 8), or delete it",
        ))
        .stderr(contains("1 error(s) in lexicons"));
}
