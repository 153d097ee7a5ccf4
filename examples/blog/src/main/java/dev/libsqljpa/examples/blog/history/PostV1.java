package dev.libsqljpa.examples.blog.history;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** {@code posts} as deployed in v1 and v2. */
@Entity(name = "PostV1")
@Table(name = "posts")
public class PostV1 extends PostColumns {}
