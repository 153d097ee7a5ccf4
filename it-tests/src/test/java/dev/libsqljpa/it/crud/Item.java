package dev.libsqljpa.it.crud;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "it_item")
public class Item {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Version
    private int version;

    protected Item() {}

    public Item(String name) {
        this.name = name;
    }

    /** A detached copy carrying the version the client last saw. */
    public static Item detached(long id, int version, String name) {
        Item item = new Item(name);
        item.id = id;
        item.version = version;
        return item;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getVersion() {
        return version;
    }

    /** Wire format of the test endpoints: {@code id:version:name}. */
    public String describe() {
        return id + ":" + version + ":" + name;
    }
}
