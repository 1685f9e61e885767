package org.liandong.opinion;

/**
 * A page reference on one condition or supplement item of an opinion: "see page {@code page} of
 * material version {@code materialFileId}", optionally a {@code region} of that page given as
 * {@code x,y,width,height} fractions of the page (0–1, origin top left), e.g. {@code 0.1,0.2,0.5,0.3}.
 *
 * @param on    {@code conditions} or {@code supplementItems}: which list the reference belongs to
 * @param index position in that list, from 0
 */
public record Citation(String on, Integer index, Long materialFileId, Integer page, String region) {

    public static final String CONDITIONS = "conditions";
    public static final String SUPPLEMENT_ITEMS = "supplementItems";
}
