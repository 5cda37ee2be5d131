//! Quotation detection and speaker attribution on the PolNeAR dev split (84 US political news
//! articles of 2015-2016), against the targets of the PolNeAR issue: detection F1 >= 0.90 and
//! speaker accuracy >= 0.80. The rules of matching and scoring are in `docs/eval.md` and
//! `src/eval/polnear.rs`. Skipped, with a message, when `../shared/eval/polnear` is absent.

use slant::eval::polnear::{evaluate_split, Lexicons};
use std::path::PathBuf;

#[test]
fn polnear_dev_detection_and_speakers() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/eval/polnear/dev");
    if !dev.join("text").is_dir() || !dev.join("attributions").is_dir() {
        eprintln!(
            "polnear_eval skipped: {} is absent (PolNeAR lives in ../shared, beside the project)",
            dev.display()
        );
        return;
    }
    let lex = Lexicons::load(&root.join("lexicons")).expect("bundled lexicons load");
    let s = evaluate_split(&dev, &lex, None).expect("PolNeAR dev reads");
    eprintln!(
        "PolNeAR dev: {} articles, gold {}, predicted {}, matched {}, P {:.3} R {:.3} F1 {:.3}; \
         speaker {}/{} = {:.3} (names and descriptions {:.3}, without same-mention credit {:.3})",
        s.articles,
        s.gold,
        s.predicted,
        s.matched,
        s.precision(),
        s.recall(),
        s.f1(),
        s.speaker_right,
        s.speaker_scored,
        s.speaker_accuracy(),
        s.speaker_accuracy_named(),
        s.speaker_accuracy_strict()
    );
    assert_eq!(s.articles, 84, "dev holds 84 articles");
    assert_eq!(s.offset_mismatches, 0, "gold offsets must match the texts");
    assert!(s.f1() >= 0.90, "detection F1 {:.3} under 0.90", s.f1());
    assert!(
        s.speaker_accuracy() >= 0.80,
        "speaker accuracy {:.3} under 0.80",
        s.speaker_accuracy()
    );
    // Regression floors (measured 0.862 and 0.804 when this test was written): the speaker
    // accuracy where the gold Source is a name or description, which needs no pronoun
    // resolution on either side, and the accuracy without the same-mention credit.
    assert!(
        s.speaker_accuracy_named() >= 0.84,
        "speaker accuracy on named sources {:.3} under 0.84",
        s.speaker_accuracy_named()
    );
    // Reported speech (`speech.csv`): floors under the figures measured when the score was
    // added (precision 0.688, recall 0.384 on dev).
    eprintln!(
        "PolNeAR dev reported speech: {}/{} spans right (P {:.3}), {}/{} indirect Contents found \
         (R {:.3})",
        s.speech_inside,
        s.speech_predicted,
        s.speech_precision(),
        s.speech_found,
        s.speech_gold,
        s.speech_recall()
    );
    assert!(
        s.speech_precision() >= 0.66,
        "reported-speech precision {:.3} under 0.66",
        s.speech_precision()
    );
    assert!(
        s.speech_recall() >= 0.36,
        "reported-speech recall {:.3} under 0.36",
        s.speech_recall()
    );
    assert!(
        s.speaker_accuracy_strict() >= 0.78,
        "speaker accuracy without the same-mention credit {:.3} under 0.78",
        s.speaker_accuracy_strict()
    );
}
