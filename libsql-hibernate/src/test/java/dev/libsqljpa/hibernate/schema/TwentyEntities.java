package dev.libsqljpa.hibernate.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A 20-entity model for the round-trip budget: each entity has a few columns, an index, most a foreign key. */
final class TwentyEntities {

    private TwentyEntities() {}

    static final Class<?>[] ENTITIES = {
        E01.class, E02.class, E03.class, E04.class, E05.class, E06.class, E07.class, E08.class, E09.class, E10.class,
        E11.class, E12.class, E13.class, E14.class, E15.class, E16.class, E17.class, E18.class, E19.class, E20.class
    };

    @Entity(name = "E01")
    @Table(name = "e01", indexes = @Index(name = "e01_name_idx", columnList = "name"))
    static class E01 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;
    }

    @Entity(name = "E02")
    @Table(name = "e02", indexes = @Index(name = "e02_name_idx", columnList = "name"))
    static class E02 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E01 parent;
    }

    @Entity(name = "E03")
    @Table(name = "e03", indexes = @Index(name = "e03_name_idx", columnList = "name"))
    static class E03 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E02 parent;
    }

    @Entity(name = "E04")
    @Table(name = "e04", indexes = @Index(name = "e04_name_idx", columnList = "name"))
    static class E04 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E03 parent;
    }

    @Entity(name = "E05")
    @Table(name = "e05", indexes = @Index(name = "e05_name_idx", columnList = "name"))
    static class E05 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E04 parent;
    }

    @Entity(name = "E06")
    @Table(name = "e06", indexes = @Index(name = "e06_name_idx", columnList = "name"))
    static class E06 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E05 parent;
    }

    @Entity(name = "E07")
    @Table(name = "e07", indexes = @Index(name = "e07_name_idx", columnList = "name"))
    static class E07 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E06 parent;
    }

    @Entity(name = "E08")
    @Table(name = "e08", indexes = @Index(name = "e08_name_idx", columnList = "name"))
    static class E08 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E07 parent;
    }

    @Entity(name = "E09")
    @Table(name = "e09", indexes = @Index(name = "e09_name_idx", columnList = "name"))
    static class E09 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E08 parent;
    }

    @Entity(name = "E10")
    @Table(name = "e10", indexes = @Index(name = "e10_name_idx", columnList = "name"))
    static class E10 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E09 parent;
    }

    @Entity(name = "E11")
    @Table(name = "e11", indexes = @Index(name = "e11_name_idx", columnList = "name"))
    static class E11 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E10 parent;
    }

    @Entity(name = "E12")
    @Table(name = "e12", indexes = @Index(name = "e12_name_idx", columnList = "name"))
    static class E12 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E11 parent;
    }

    @Entity(name = "E13")
    @Table(name = "e13", indexes = @Index(name = "e13_name_idx", columnList = "name"))
    static class E13 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E12 parent;
    }

    @Entity(name = "E14")
    @Table(name = "e14", indexes = @Index(name = "e14_name_idx", columnList = "name"))
    static class E14 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E13 parent;
    }

    @Entity(name = "E15")
    @Table(name = "e15", indexes = @Index(name = "e15_name_idx", columnList = "name"))
    static class E15 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E14 parent;
    }

    @Entity(name = "E16")
    @Table(name = "e16", indexes = @Index(name = "e16_name_idx", columnList = "name"))
    static class E16 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E15 parent;
    }

    @Entity(name = "E17")
    @Table(name = "e17", indexes = @Index(name = "e17_name_idx", columnList = "name"))
    static class E17 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E16 parent;
    }

    @Entity(name = "E18")
    @Table(name = "e18", indexes = @Index(name = "e18_name_idx", columnList = "name"))
    static class E18 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E17 parent;
    }

    @Entity(name = "E19")
    @Table(name = "e19", indexes = @Index(name = "e19_name_idx", columnList = "name"))
    static class E19 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E18 parent;
    }

    @Entity(name = "E20")
    @Table(name = "e20", indexes = @Index(name = "e20_name_idx", columnList = "name"))
    static class E20 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
        public LocalDateTime created;

        @ManyToOne
        public E19 parent;
    }
}
