#!/usr/bin/python3
"""Rebuilds src/main/resources/fonts/HanaMinA-Liandong.ttf: the glyphs of HanaMinA (Debian
fonts-hanazono) for the characters that none of the other fonts of the fallback chain
(document/FontChain: Droid Sans Fallback, DejaVu Sans, HanaMinB) has. Keeps the jar small: HanaMinA is 22 MB whole.

    apt-get install fonts-hanazono fonts-dejavu-core python3-fonttools
    /usr/bin/python3 tools/fonts-subset.py
"""
from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = "src/main/resources/fonts/"
others = set()
for name in ("DroidSansFallbackFull.ttf", "DejaVuSans.ttf", "HanaMinB.ttf"):
    others |= set(TTFont(FONTS + name).getBestCmap())
source = TTFont("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")
keep = sorted(set(source.getBestCmap()) - others)
options = subset.Options()
options.layout_features = ["*"]
options.name_IDs = ["*"]
options.name_legacy = True
options.notdef_outline = True
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=keep)
subsetter.subset(source)
source.save(FONTS + "HanaMinA-Liandong.ttf")
print(len(keep), "code points kept")
