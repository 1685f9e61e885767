package org.liandong.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.liandong.common.ProblemException;
import org.liandong.directory.Role;

/**
 * Statistics for coordinators, observers and admins (applicants and proxy agents get 403):
 * {@code from}/{@code to} are months (YYYY-MM, Asia/Shanghai), {@code county} a county division code.
 */
@Path("/api")
@RolesAllowed({Role.COORDINATOR_NAME, Role.OBSERVER_NAME, Role.ADMIN_NAME})
public class StatisticsResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final StatisticsService statistics;

    StatisticsResource(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @GET
    @Path("statistics")
    @Produces(MediaType.APPLICATION_JSON)
    public StatisticsView statistics(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("county") String county) {
        return statistics.statistics(Period.parse(from, to), blankToNull(county));
    }

    @GET
    @Path("statistics/figures")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FigureView> figures() {
        return FigureView.all();
    }

    @GET
    @Path("statistics/ranking")
    @Produces(MediaType.APPLICATION_JSON)
    public RankingView ranking(@QueryParam("month") String month) {
        return statistics.ranking(Period.month("month", month));
    }

    /** One table as CSV: {@code table} = counties (default), departments, trend, ranking (of the month {@code to}) or definitions. */
    @GET
    @Path("statistics.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response csv(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("county") String county,
            @QueryParam("table") @DefaultValue("counties") String table) {
        Period p = Period.parse(from, to);
        StatisticsTables.Table t = switch (table) {
            case "counties" -> StatisticsTables.counties(statistics.statistics(p, blankToNull(county)));
            case "departments" -> StatisticsTables.departments(statistics.statistics(p, blankToNull(county)));
            case "trend" -> StatisticsTables.trend(statistics.statistics(p, blankToNull(county)));
            case "ranking" -> StatisticsTables.ranking(statistics.ranking(p.to()));
            case "definitions" -> StatisticsTables.definitions();
            default ->
                throw ProblemException.invalid("table", "one of counties, departments, trend, ranking, definitions");
        };
        return download(SpreadsheetWriter.csv(t), "text/csv;charset=UTF-8", "statistics-" + p + "-" + table + ".csv");
    }

    /** Every table, one sheet each (counties, departments, trend, ranking of the month {@code to}, definitions). */
    @GET
    @Path("statistics.xlsx")
    @Produces(XLSX)
    public Response xlsx(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("county") String county) {
        Period p = Period.parse(from, to);
        byte[] bytes = SpreadsheetWriter.xlsx(
                StatisticsTables.all(statistics.statistics(p, blankToNull(county)), statistics.ranking(p.to())));
        return download(bytes, XLSX, "statistics-" + p + ".xlsx");
    }

    static Response download(byte[] bytes, String type, String name) {
        return Response.ok(bytes, type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
