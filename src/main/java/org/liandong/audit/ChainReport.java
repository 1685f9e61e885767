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
 * @param checkpoint the entry recorded in this node's checkpoint file, which the chain reaches;
 *                   absent while this node has committed no entry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(
        boolean intact, long checked, Long brokenAt, String problem, String headHash, Long checkpoint) {

    static ChainReport intact(long checked, String headHash, Long checkpoint) {
        return new ChainReport(true, checked, null, null, headHash, checkpoint);
    }

    static ChainReport broken(long checked, long seq, String problem) {
        return new ChainReport(false, checked, seq, problem, null, null);
    }
}
