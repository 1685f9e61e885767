package org.liandong.session;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.liandong.directory.Department;

/** A department taking part in a session; a required one must be present (an official) for quorum. */
@Entity
@Table(name = "session_department")
public class SessionDepartment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    private ReviewSession session;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    private Department department;

    private boolean required;

    protected SessionDepartment() {}

    SessionDepartment(ReviewSession session, Department department, boolean required) {
        this.session = session;
        this.department = department;
        this.required = required;
    }

    public Department department() {
        return department;
    }

    public long departmentId() {
        return department.id();
    }

    public boolean required() {
        return required;
    }

    void setRequired(boolean required) {
        this.required = required;
    }
}
