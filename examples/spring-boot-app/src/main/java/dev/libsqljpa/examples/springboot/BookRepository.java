package dev.libsqljpa.examples.springboot;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository: CRUD from JpaRepository plus one paged finder. */
public interface BookRepository extends JpaRepository<Book, UUID> {

    Page<Book> findByAuthorOrderByPublishedAsc(String author, Pageable pageable);
}
