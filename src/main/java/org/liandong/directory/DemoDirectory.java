package org.liandong.directory;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Seeds a demo directory modelled on Zibo on the first start of an empty database: Shandong
 * province, Zibo city and its eight districts and counties with their real division codes, a few
 * towns and villages, the usual approving departments, and one demo person for every role.
 * Off in production (see {@code deploy/}); never touches a directory that already has people.
 */
@ApplicationScoped
public class DemoDirectory {

    /** Password of every demo account; printed in README. */
    public static final String DEMO_PASSWORD = "liandong-demo";

    private static final Logger LOG = Logger.getLogger(DemoDirectory.class);

    @ConfigMapping(prefix = "liandong.demo")
    public interface DemoConfig {
        /** Seed the demo directory into an empty database at start-up. */
        @WithDefault("true")
        boolean seed();

        /** With {@link #seed()}: also about six months of decided cases for the statistics (stats/DemoHistory). */
        @WithDefault("true")
        boolean history();
    }

    private record County(String code, String zh, String en) {}

    static final List<County> ZIBO_COUNTIES = List.of(
            new County("370302", "张店区", "Zhangdian District"),
            new County("370303", "淄川区", "Zichuan District"),
            new County("370304", "博山区", "Boshan District"),
            new County("370305", "临淄区", "Linzi District"),
            new County("370306", "周村区", "Zhoucun District"),
            new County("370321", "桓台县", "Huantai County"),
            new County("370322", "高青县", "Gaoqing County"),
            new County("370323", "沂源县", "Yiyuan County"));

    private final DemoConfig config;
    private final RegionRepository regions;
    private final DepartmentRepository departments;
    private final PersonRepository people;

    DemoDirectory(
            DemoConfig config, RegionRepository regions, DepartmentRepository departments, PersonRepository people) {
        this.config = config;
        this.regions = regions;
        this.departments = departments;
        this.people = people;
    }

    @Transactional
    void onStart(@Observes StartupEvent ev) {
        if (!config.seed() || people.count() > 0) {
            return;
        }
        seed();
        // No password here: logs are read by more people than should sign in (it is in the README).
        LOG.infof(
                "Seeded the demo directory (Zibo): %d regions, %d departments, %d people (demo accounts: README)",
                regions.count(), departments.count(), people.count());
    }

    private void seed() {
        region("370000", RegionLevel.PROVINCE, null, "山东省", "Shandong Province");
        Region zibo = region("370300", RegionLevel.CITY, "370000", "淄博市", "Zibo City");
        for (County c : ZIBO_COUNTIES) {
            region(c.code(), RegionLevel.COUNTY, zibo.code(), c.zh(), c.en());
        }
        // A few towns and villages for proxy agents; codes follow the 9/12-digit pattern.
        region("370303001", RegionLevel.TOWN, "370303", "般阳路街道", "Banyanglu Subdistrict");
        region("370303100", RegionLevel.TOWN, "370303", "昆仑镇", "Kunlun Town");
        region("370303100201", RegionLevel.VILLAGE, "370303100", "昆仑村", "Kunlun Village");
        region("370323100", RegionLevel.TOWN, "370323", "南麻街道", "Nanma Subdistrict");
        region("370323100201", RegionLevel.VILLAGE, "370323100", "南麻村", "Nanma Village");

        Department approval = dept("370300-XZSP", zibo, "淄博市行政审批服务局", "Zibo Administrative Approval Services Bureau");
        Department drc = dept("370300-FGW", zibo, "淄博市发展和改革委员会", "Zibo Development and Reform Commission");
        Department nr = dept("370300-ZRZY", zibo, "淄博市自然资源和规划局", "Zibo Natural Resources and Planning Bureau");
        Department eco = dept("370300-STHJ", zibo, "淄博市生态环境局", "Zibo Ecology and Environment Bureau");
        Department housing = dept("370300-ZJ", zibo, "淄博市住房和城乡建设局", "Zibo Housing and Urban-Rural Development Bureau");
        dept("370300-YJ", zibo, "淄博市应急管理局", "Zibo Emergency Management Bureau");
        Department firstCountyApproval = null;
        Department firstCountyNr = null;
        for (County c : ZIBO_COUNTIES) {
            Region county = regions.findById(c.code());
            Department a = dept(
                    c.code() + "-XZSP",
                    county,
                    c.zh() + "行政审批服务局",
                    c.en() + " Administrative Approval Services Bureau");
            dept(c.code() + "-FG", county, c.zh() + "发展和改革局", c.en() + " Development and Reform Bureau");
            Department n = dept(c.code() + "-ZRZY", county, c.zh() + "自然资源局", c.en() + " Natural Resources Bureau");
            dept(
                    c.code() + "-STHJ",
                    county,
                    "淄博市生态环境局" + c.zh() + "分局",
                    "Zibo Ecology and Environment Bureau, " + c.en() + " Branch");
            if (c.code().equals("370303")) {
                firstCountyApproval = a;
                firstCountyNr = n;
            }
        }

        person("admin", "系统管理员", EnumSet.of(Role.ADMIN), null, false);
        person("coordinator", "周协调", EnumSet.of(Role.COORDINATOR), null, false);
        person("chair", "王主任", EnumSet.of(Role.OFFICIAL), approval, true);
        person("city.drc", "李科长", EnumSet.of(Role.OFFICIAL), drc, false);
        person("city.nr", "张科长", EnumSet.of(Role.OFFICIAL), nr, false);
        person("city.eco", "赵科长", EnumSet.of(Role.OFFICIAL), eco, false);
        person("city.housing", "孙科长", EnumSet.of(Role.OFFICIAL), housing, false);
        person("zichuan.approval", "刘局长", EnumSet.of(Role.OFFICIAL), firstCountyApproval, true);
        person("zichuan.nr", "陈科长", EnumSet.of(Role.OFFICIAL), firstCountyNr, false);
        person("applicant", "吴经理", EnumSet.of(Role.APPLICANT), null, false);
        person("applicant2", "郑经理", EnumSet.of(Role.APPLICANT), null, false);
        person("agent", "杨代办", EnumSet.of(Role.PROXY_AGENT), null, false);
        person("observer", "钱监督", EnumSet.of(Role.OBSERVER), null, false);
    }

    private Region region(String code, RegionLevel level, String parent, String zh, String en) {
        Region r = new Region(code, level, parent, zh, en);
        regions.persist(r);
        return r;
    }

    private Department dept(String code, Region region, String zh, String en) {
        Department d = new Department(code, region, zh, en);
        departments.persist(d);
        return d;
    }

    private void person(String username, String name, Set<Role> roles, Department dept, boolean mayChair) {
        people.persist(
                new Person(username, DEMO_PASSWORD, name, username + "@demo.liandong.org", roles, dept, mayChair));
    }
}
