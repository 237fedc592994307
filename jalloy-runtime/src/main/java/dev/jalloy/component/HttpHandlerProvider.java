package dev.jalloy.component;

/**
 * Implemented by components that serve HTTP under {@code /api/v0/component/<id>/}: exporters serve
 * their {@code /metrics} there, push receivers their endpoints.
 */
public interface HttpHandlerProvider {
  /**
   * Handles a request whose path has the {@code /api/v0/component/<id>} prefix removed.
   *
   * @return the response; never null
   */
  HttpResponse handle(HttpRequest request) throws Exception;

  /**
   * A request to a component.
   *
   * @param method GET, POST, ...
   * @param path the path below the component's prefix, starting with {@code /}
   * @param query the raw query string, empty when none
   * @param contentType the request's content type, empty when none
   * @param accept the request's Accept header, empty when none
   * @param body the request body
   */
  record HttpRequest(
      String method, String path, String query, String contentType, String accept, byte[] body) {}

  /**
   * A response from a component.
   *
   * @param status HTTP status code
   * @param contentType the content type
   * @param body the response body
   */
  record HttpResponse(int status, String contentType, byte[] body) {
    public static HttpResponse text(int status, String text) {
      return new HttpResponse(
          status,
          "text/plain; charset=utf-8",
          text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
