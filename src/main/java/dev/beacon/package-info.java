/**
 * The node's entry point and composition root.
 *
 * <ul>
 *   <li>{@link dev.beacon.Beacon} reads the configuration, starts Vert.x (clustered or not), Raft and the verticles,
 *       giving each verticle and endpoint class exactly the parts it uses, reports UP once Raft is ready, and shuts
 *       down in the order that loses nothing. {@link dev.beacon.Node} records what a running node is made of, for
 *       Beacon itself and for tests and tools that inspect a node; no verticle receives it. {@code Logging} and
 *       {@code Listeners} serve start-up.</li>
 *   <li>May import every other package; no package may import this one (the shared small
 *       types live in the leaf package {@code dev.beacon.core}), so the package graph has no cycle.
 *       {@code PackageDependenciesTest} checks both against the table of what each package may import.</li>
 * </ul>
 */
package dev.beacon;
