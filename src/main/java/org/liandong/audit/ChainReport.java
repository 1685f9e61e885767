package org.liandong.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Result of walking the audit chain.
 *
 * @param intact     whether every link checked out
 * @param checked    how many entries were verified before stopping
 * @param brokenAt   sequence number of the first bad link, when broken
 * @param problem    what is wrong with it
 * @param headHash   hash at the tip of an intact chain (worth writing down elsewhere)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(boolean intact, long checked, Long brokenAt, String problem, String headHash) {

    static ChainReport intact(long checked, String headHash) {
        return new ChainReport(true, checked, null, null, headHash);
    }

    static ChainReport broken(long checked, long seq, String problem) {
        return new ChainReport(false, checked, seq, problem, null);
    }
}
