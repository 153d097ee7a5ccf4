package dev.libsqljpa.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** The bench's entities: one per id strategy, the {@code kv} table, and a 20-entity model for schema update. */
final class BenchEntities {
    private BenchEntities() {}

    /** Every class of the bench's persistence unit. */
    static List<Class<?>> all() {
        List<Class<?>> all =
                new ArrayList<>(List.of(IdentityRow.class, AssignedRow.class, SequenceIdRow.class, Kv.class));
        all.addAll(List.of(SCHEMA));
        return all;
    }

    @Entity(name = "IdentityRow")
    @Table(name = "jpa_identity")
    public static class IdentityRow {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;

        public String v;
    }

    @Entity(name = "AssignedRow")
    @Table(name = "jpa_assigned")
    public static class AssignedRow {
        @Id
        public Long id;

        public String v;
    }

    /**
     * Generated ids as libSQL allows them: one id per reservation, on the transaction's own connection
     * (a table generator handing out blocks is refused at boot); inserts can be batched.
     */
    @Entity(name = "SequenceIdRow")
    @Table(name = "jpa_sequence_id")
    public static class SequenceIdRow {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bench_ids")
        @SequenceGenerator(name = "bench_ids", sequenceName = "bench_ids", allocationSize = 1)
        public Long id;

        public String v;
    }

    /** The 10,000-row table the JDBC scenarios read. */
    @Entity(name = "Kv")
    @Table(name = "kv")
    public static class Kv {
        @Id
        public Long id;

        public Long a;
        public String b;
        public Double c;
        public byte[] d;
    }

    @Entity(name = "S01")
    @Table(name = "s01", indexes = @Index(name = "s01_name_idx", columnList = "name"))
    public static class S01 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;
    }

    @Entity(name = "S02")
    @Table(name = "s02", indexes = @Index(name = "s02_name_idx", columnList = "name"))
    public static class S02 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S01 parent;
    }

    @Entity(name = "S03")
    @Table(name = "s03", indexes = @Index(name = "s03_name_idx", columnList = "name"))
    public static class S03 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S02 parent;
    }

    @Entity(name = "S04")
    @Table(name = "s04", indexes = @Index(name = "s04_name_idx", columnList = "name"))
    public static class S04 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S03 parent;
    }

    @Entity(name = "S05")
    @Table(name = "s05", indexes = @Index(name = "s05_name_idx", columnList = "name"))
    public static class S05 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S04 parent;
    }

    @Entity(name = "S06")
    @Table(name = "s06", indexes = @Index(name = "s06_name_idx", columnList = "name"))
    public static class S06 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S05 parent;
    }

    @Entity(name = "S07")
    @Table(name = "s07", indexes = @Index(name = "s07_name_idx", columnList = "name"))
    public static class S07 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S06 parent;
    }

    @Entity(name = "S08")
    @Table(name = "s08", indexes = @Index(name = "s08_name_idx", columnList = "name"))
    public static class S08 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S07 parent;
    }

    @Entity(name = "S09")
    @Table(name = "s09", indexes = @Index(name = "s09_name_idx", columnList = "name"))
    public static class S09 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S08 parent;
    }

    @Entity(name = "S10")
    @Table(name = "s10", indexes = @Index(name = "s10_name_idx", columnList = "name"))
    public static class S10 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S09 parent;
    }

    @Entity(name = "S11")
    @Table(name = "s11", indexes = @Index(name = "s11_name_idx", columnList = "name"))
    public static class S11 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S10 parent;
    }

    @Entity(name = "S12")
    @Table(name = "s12", indexes = @Index(name = "s12_name_idx", columnList = "name"))
    public static class S12 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S11 parent;
    }

    @Entity(name = "S13")
    @Table(name = "s13", indexes = @Index(name = "s13_name_idx", columnList = "name"))
    public static class S13 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S12 parent;
    }

    @Entity(name = "S14")
    @Table(name = "s14", indexes = @Index(name = "s14_name_idx", columnList = "name"))
    public static class S14 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S13 parent;
    }

    @Entity(name = "S15")
    @Table(name = "s15", indexes = @Index(name = "s15_name_idx", columnList = "name"))
    public static class S15 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S14 parent;
    }

    @Entity(name = "S16")
    @Table(name = "s16", indexes = @Index(name = "s16_name_idx", columnList = "name"))
    public static class S16 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S15 parent;
    }

    @Entity(name = "S17")
    @Table(name = "s17", indexes = @Index(name = "s17_name_idx", columnList = "name"))
    public static class S17 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S16 parent;
    }

    @Entity(name = "S18")
    @Table(name = "s18", indexes = @Index(name = "s18_name_idx", columnList = "name"))
    public static class S18 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S17 parent;
    }

    @Entity(name = "S19")
    @Table(name = "s19", indexes = @Index(name = "s19_name_idx", columnList = "name"))
    public static class S19 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S18 parent;
    }

    @Entity(name = "S20")
    @Table(name = "s20", indexes = @Index(name = "s20_name_idx", columnList = "name"))
    public static class S20 {
        @Id
        public Long id;

        @Column(nullable = false)
        public String name;

        public int amount;

        @ManyToOne
        public S19 parent;
    }

    /** 20 entities, each with an index, all but the first with a foreign key to the previous one. */
    static final Class<?>[] SCHEMA = {
        S01.class, S02.class, S03.class, S04.class, S05.class, S06.class, S07.class, S08.class, S09.class, S10.class,
        S11.class, S12.class, S13.class, S14.class, S15.class, S16.class, S17.class, S18.class, S19.class, S20.class
    };
}
