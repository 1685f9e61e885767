package org.liandong.decision;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The documents a session produces, as Qute templates (XHTML, so that the same text renders to
 * HTML for the browser and to PDF): the decision, the one-time supplement notice and the minutes.
 */
public final class DecisionDocuments {

    private DecisionDocuments() {
    }

    @CheckedTemplate
    static class Templates {
        /** 联审决定书: approved, approved with conditions, or rejected. */
        static native TemplateInstance decision(Doc doc);

        /** 一次性补正告知书: every missing material from every department, once. */
        static native TemplateInstance notice(Doc doc);

        /** 联审会议纪要: attendance, agenda, each opinion, outcome. */
        static native TemplateInstance minutes(Minutes doc);
    }

    /** What the decision and the notice print. Texts are ready to print (dates in Chinese). */
    public record Doc(String issuer, String number, String title, String issuedOn, Project project, String sessionTitle,
                      String sessionOn, String chair, String outcome, List<OpinionLine> opinions, List<String> conditions,
                      List<NoticeLine> notice, String sealFingerprint) {
    }

    public record Project(String code, String name, String enterprise, String creditCode, String county, String matter,
                          String investment) {
    }

    public record OpinionLine(String department, String verdict, String reasons, List<String> conditions,
                              List<String> supplementItems, String legalBasis, String signer, String signedAt,
                              int revision, String correction) {
    }

    public record NoticeLine(int index, String material, String problems, String departments) {
    }

    public record AttendanceLine(String name, String department, String role, String joined, String left) {
    }

    public record Minutes(String issuer, String sessionTitle, String sessionOn, String status, String chair,
                          Project project, List<String> agenda, List<AttendanceLine> attendance,
                          List<OpinionLine> opinions, String outcome, String number, String printedOn) {
    }
}
