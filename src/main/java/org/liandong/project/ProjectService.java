package org.liandong.project;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.Page;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.directory.Region;
import org.liandong.directory.RegionLevel;
import org.liandong.directory.RegionRepository;
import org.liandong.directory.Role;

/**
 * Registers projects and moves them through their lifecycle on behalf of the current user.
 * Applicants and proxy agents only ever see and touch their own projects: for them a foreign
 * project does not exist (404), so that its existence does not leak.
 */
@ApplicationScoped
@Transactional
public class ProjectService {

    private final ProjectRepository projects;
    private final MatterTypeRepository matterTypes;
    private final RegionRepository regions;
    private final PersonRepository people;
    private final CurrentUser me;
    private final Clock clock;
    private final StatutoryClock statutoryClock;
    private final Event<AuditEvent> audit;

    ProjectService(
            ProjectRepository projects,
            MatterTypeRepository matterTypes,
            RegionRepository regions,
            PersonRepository people,
            CurrentUser me,
            Clock clock,
            Event<AuditEvent> audit,
            StatutoryClock statutoryClock) {
        this.statutoryClock = statutoryClock;
        this.audit = audit;
        this.projects = projects;
        this.matterTypes = matterTypes;
        this.regions = regions;
        this.people = people;
        this.me = me;
        this.clock = clock;
    }

    public ProjectView registerProject(ProjectRequest r) {
        ProjectCode code;
        try {
            code = ProjectCode.parse(r.projectCode());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("projectCode", e.getMessage());
        }
        Optional<Region> division = regions.findByIdOptional(code.divisionCode());
        if (division.isEmpty() || division.get().level().codeLength() != 6) {
            throw ProblemException.invalid(
                    "projectCode", "division code " + code.divisionCode() + " is not in the directory");
        }
        String creditProblem = CreditCode.problem(r.creditCode());
        if (creditProblem != null) {
            throw ProblemException.invalid("creditCode", creditProblem);
        }
        Region county = regions.findByIdOptional(r.countyCode())
                .filter(g -> g.level() == RegionLevel.COUNTY)
                .orElseThrow(
                        () -> ProblemException.invalid("countyCode", "is not a county or district in the directory"));
        MatterType matter = matterTypes
                .findByIdOptional(r.matterType())
                .orElseThrow(() -> ProblemException.invalid("matterType", "is not a known matter type"));
        FiledBy filedBy = filer();
        Long applicantId =
                filedBy == FiledBy.APPLICANT && r.applicantId() == null ? Long.valueOf(me.id()) : r.applicantId();
        Long agentId =
                filedBy == FiledBy.PROXY_AGENT && r.proxyAgentId() == null ? Long.valueOf(me.id()) : r.proxyAgentId();
        if (applicantId == null) {
            throw ProblemException.invalid("applicantId", "name the applicant");
        }
        if (filedBy == FiledBy.APPLICANT && applicantId != me.id()) {
            throw ProblemException.invalid("applicantId", "an applicant files for themselves");
        }
        if (filedBy == FiledBy.PROXY_AGENT && agentId != me.id()) {
            throw ProblemException.invalid("proxyAgentId", "a proxy agent files as the project's own proxy agent");
        }
        Person applicant = party(applicantId, Role.APPLICANT, "applicantId");
        Person agent = agentId == null ? null : party(agentId, Role.PROXY_AGENT, "proxyAgentId");
        if (projects.findByCode(code.toString()).isPresent()) {
            throw ProblemException.conflict("duplicate", "project " + code + " is already registered");
        }
        Project p = new Project(
                code,
                r.name().trim(),
                r.enterpriseName().trim(),
                r.creditCode(),
                r.investment(),
                county,
                r.industry().trim(),
                matter,
                applicant,
                agent,
                filedBy,
                me.person().username(),
                clock.instant());
        projects.persist(p);
        audit.fire(new AuditEvent(
                "project",
                p.id().toString(),
                "registered",
                me.person().username(),
                clock.instant(),
                Map.of("projectCode", p.projectCode(), "status", p.status().name(), "filedBy", filedBy.name())));
        return view(p);
    }

    /** Staff register at the counter; an applicant or proxy agent files online for their own project. */
    private FiledBy filer() {
        if (!me.isPartyOnly()) {
            return FiledBy.COORDINATOR;
        }
        return me.is(Role.APPLICANT) ? FiledBy.APPLICANT : FiledBy.PROXY_AGENT;
    }

    /** The project if the current user may see it. Views are built inside the transaction: entities stay inside. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ProjectView> getProject(long id) {
        return visible(id).map(this::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProjectSummary> searchProjects(ProjectStatus status, String county, String text, int page, int size) {
        PanacheQuery<Project> q = projects.search(status, county, text, me.partyScope(), page, size);
        return new Page<>(q.list().stream().map(this::summary).toList(), page, size, q.count());
    }

    /** The project's statutory clock, if the current user may see the project. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ClockView> getClock(long id) {
        return visible(id).map(statutoryClock::clockOf);
    }

    /** Running (or paused) projects due within {@code within} working days or overdue, most urgent first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProjectSummary> listAtRisk(int within) {
        return projects
                .listByStatus(
                        List.of(ProjectStatus.ACCEPTED, ProjectStatus.IN_REVIEW, ProjectStatus.SUPPLEMENTING),
                        me.partyScope())
                .stream()
                .map(this::summary)
                .filter(s -> statutoryClock.atRisk(s.clock(), within))
                .sorted(java.util.Comparator.comparingInt(
                        (ProjectSummary s) -> s.clock().daysLeft()))
                .toList();
    }

    private ProjectView view(Project p) {
        return ProjectView.of(p, statutoryClock.clockOf(p), me.isPartyOnly(), me::is);
    }

    private ProjectSummary summary(Project p) {
        return ProjectSummary.of(p, statutoryClock.clockOf(p));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MatterType> listMatterTypes() {
        return matterTypes.listAll();
    }

    public Optional<ProjectView> submit(long id) {
        return act(id, ProjectAction.SUBMIT, (p, u) -> p.submit(u, clock.instant()));
    }

    public Optional<ProjectView> startPreReview(long id) {
        return act(id, ProjectAction.PRE_REVIEW, (p, u) -> p.startPreReview(u, clock.instant()));
    }

    public Optional<ProjectView> accept(long id) {
        return act(id, ProjectAction.ACCEPT, (p, u) -> p.accept(u, clock.instant()));
    }

    public Optional<ProjectView> requestSupplement(long id, String notice) {
        if (notice == null || notice.isBlank()) {
            throw ProblemException.invalid("reason", "list what the applicant must supply");
        }
        return act(id, ProjectAction.REQUEST_SUPPLEMENT, (p, u) -> p.requestSupplement(u, notice, clock.instant()));
    }

    public Optional<ProjectView> resubmit(long id) {
        return act(id, ProjectAction.RESUBMIT, (p, u) -> p.resubmit(u, clock.instant()));
    }

    public Optional<ProjectView> withdraw(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say why the project is withdrawn");
        }
        return act(id, ProjectAction.WITHDRAW, (p, u) -> p.withdraw(u, reason, clock.instant()));
    }

    /**
     * Applies one change to a project the current user may see (else empty: 404), under the
     * aggregate's lock, with its audit entry; {@code action} gets the project and the actor's username.
     */
    public Optional<ProjectView> act(long id, BiConsumer<Project, String> action) {
        return visible(id).map(p -> change(p, action));
    }

    /** {@link #act} for one of the {@link ProjectAction}s: 403 unless the caller holds one of its roles. */
    private Optional<ProjectView> act(long id, ProjectAction action, BiConsumer<Project, String> change) {
        if (!action.allowedTo(me::is)) {
            throw ProblemException.forbidden(
                    "only " + action.roles() + " may " + action.path().replace('-', ' ') + " a project");
        }
        return act(id, change);
    }

    private ProjectView change(Project p, BiConsumer<Project, String> action) {
        // Every action bumps the aggregate's version at once (a checklist line or a timeline entry
        // does not by itself): concurrent actions on one project queue up or fail with a 409.
        projects.getEntityManager().lock(p, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        ProjectStatus before = p.status();
        action.accept(p, me.person().username());
        projects.flush(); // surface an optimistic-lock conflict here, as a 409, not at commit
        audit.fire(new AuditEvent(
                "project",
                p.id().toString(),
                p.events().get(p.events().size() - 1).type(),
                me.person().username(),
                clock.instant(),
                Map.of("from", before.name(), "to", p.status().name())));
        return view(p);
    }

    private Optional<Project> visible(long id) {
        return projects.findByIdOptional(id).filter(p -> me.mayAccess(p::concerns));
    }

    private Person party(long id, Role role, String field) {
        return people.findByIdOptional(id)
                .filter(p -> p.hasRole(role))
                .orElseThrow(() -> ProblemException.invalid(field, "must be a person with role " + role.roleName()));
    }
}
