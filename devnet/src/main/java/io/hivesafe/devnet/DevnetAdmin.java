package io.hivesafe.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The devnet's own control namespace, {@code devnet_admin}, served beside hived's APIs on every endpoint
 * of a {@link Devnet}: production paused, resumed and stepped, each endpoint's faults replaced, endpoints
 * stopped and started, and the whole state shown. No hived plugin has this name (hived's API names end in
 * {@code _api}), so a client can never take it for hived's.
 *
 * <p>Each method is one {@link #register} line: its name, the params it takes and what it does. Params
 * are read by {@link AdminParams} before the method runs, so a call with an unknown, missing or
 * out-of-range param gets -32602 and changes nothing. A call the devnet cannot do in its present state
 * (steps while the timer runs, stop the endpoint serving the call) gets -32000 and changes nothing.
 * Every method but {@code status} answers with the status after its change. Thread-safe.
 */
public final class DevnetAdmin {
  /** The namespace, as the API part of {@code devnet_admin.method}. */
  public static final String NAMESPACE = "devnet_admin";

  /** One admin method: its params, already checked against the names it declared, to its result. */
  @FunctionalInterface
  interface Method {
    JsonNode call(AdminParams params, JsonRpcServer via) throws JsonRpcError;
  }

  private record Registered(Set<String> params, Method method) {}

  private final Map<String, Registered> methods = new TreeMap<>();

  DevnetAdmin(Devnet devnet) {
    Objects.requireNonNull(devnet, "devnet");
    ProductionAdmin production = new ProductionAdmin(devnet);
    EndpointAdmin endpoints = new EndpointAdmin(devnet);
    register("status", Set.of(), (params, via) -> DevnetStatus.write(devnet));
    register("pause_production", Set.of(), production::pause);
    register("resume_production", Set.of(), production::resume);
    register("produce_blocks", Set.of(ProductionAdmin.COUNT), production::produce);
    register("set_faults", EndpointAdmin.SET_FAULTS_PARAMS, endpoints::setFaults);
    register("stop_endpoint", Set.of(EndpointAdmin.ENDPOINT), endpoints::stop);
    register("start_endpoint", Set.of(EndpointAdmin.ENDPOINT), endpoints::start);
    RcAdmin rc = new RcAdmin(devnet.chain());
    register("drain_rc", Set.of(RcAdmin.ACCOUNT, RcAdmin.MAX_RC), rc::drain);
    register("set_rc", Set.of(RcAdmin.ACCOUNT, RcAdmin.MANA, RcAdmin.MAX_RC), rc::set);
  }

  /** Adds {@code devnet_admin.name}, taking only the params named in {@code params}. */
  private void register(String name, Set<String> params, Method method) {
    if (methods.putIfAbsent(name, new Registered(Set.copyOf(params), method)) != null) {
      throw new IllegalStateException("devnet_admin." + name + " is registered twice");
    }
  }

  /** Calls {@code devnet_admin.method} with {@code params}, as received by the endpoint {@code via}. */
  JsonNode call(String method, JsonNode params, JsonRpcServer via) throws JsonRpcError {
    Registered registered = methods.get(method);
    if (registered == null) {
      throw JsonRpcError.plain(HivedError.METHOD_NOT_FOUND,
          "Could not find method " + NAMESPACE + "." + method + " (its methods: " + String.join(", ", methods.keySet()) + ")");
    }
    return registered.method().call(AdminParams.read(method, params, registered.params()), via);
  }

  /** A well-formed call the devnet cannot do in its present state: -32000 naming the method; nothing changed. */
  static JsonRpcError refused(String method, String why) {
    return JsonRpcError.plain(HivedError.SERVER_ERROR, NAMESPACE + "." + method + ": " + why);
  }

  /** Every method, as {@code devnet_admin.method}, sorted. */
  public List<String> methods() {
    return methods.keySet().stream().map(name -> NAMESPACE + "." + name).toList();
  }
}
