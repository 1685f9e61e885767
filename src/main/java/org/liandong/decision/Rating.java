package org.liandong.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.liandong.directory.Person;

/** The applicant side's 1–5 rating of the service for one decision; one per decision, final. */
@Entity
@Table(name = "decision_rating")
@Immutable
public class Rating {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Decision decision;

    @ManyToOne(optional = false)
    private Person person;

    private int score;

    @Column(length = org.liandong.common.TextLimits.RATING_COMMENT)
    private String comment;

    @Column(name = "rated_at")
    private Instant ratedAt;

    protected Rating() {}

    Rating(Decision decision, Person person, int score, String comment, Instant ratedAt) {
        this.decision = decision;
        this.person = person;
        this.score = score;
        this.comment = comment;
        this.ratedAt = ratedAt;
    }

    public int score() {
        return score;
    }

    public String comment() {
        return comment;
    }

    public Instant ratedAt() {
        return ratedAt;
    }

    public Person person() {
        return person;
    }
}
