package dev.jalloy.service;

import java.util.Optional;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The connector's first connection factory: hands each new connection to TLS or to plain HTTP,
 * whichever the {@code http} block asks for at that moment. Applying a changed block swaps the
 * choice for new connections while open ones keep what they started with, as Alloy's lazy listener
 * does.
 */
final class SwitchingConnectionFactory extends AbstractConnectionFactory {
  private volatile Optional<SslConnectionFactory> tls = Optional.empty();

  SwitchingConnectionFactory() {
    super("jalloy-switch");
  }

  /** Uses {@code factory} (started) for new connections; empty for plain HTTP. */
  Optional<SslConnectionFactory> swap(Optional<SslConnectionFactory> factory) {
    Optional<SslConnectionFactory> previous = tls;
    tls = factory;
    return previous;
  }

  boolean tlsEnabled() {
    return tls.isPresent();
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    Optional<SslConnectionFactory> current = tls;
    if (current.isPresent()) {
      return current.get().newConnection(connector, endPoint);
    }
    return connector
        .getConnectionFactory(HttpVersion.HTTP_1_1.asString())
        .newConnection(connector, endPoint);
  }
}
