package io.hivesafe.engine.api;

/**
 * A request the API answers with an error: a bad parameter (400), something that is not there (404),
 * a method it does not serve (405), a node not ready to answer (503). The message is for the client,
 * sent as {@code {"error": message, "status": code}}.
 */
final class ApiException extends Exception {
  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  int status() {
    return status;
  }
}
