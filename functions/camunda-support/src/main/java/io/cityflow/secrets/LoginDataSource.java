package io.cityflow.secrets;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that signs in with its own {@link DatabaseLogin}, never with the caller's
 * credentials: the parts of {@link DataSource} that every such source answers alike. Logging goes
 * through SLF4J, and the driver's or the pool's timeouts apply.
 */
public abstract class LoginDataSource implements DataSource {

  /** Not supported: the credentials are the data source's. */
  @Override
  public final Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "credentials come from the data source's login, not from the caller");
  }

  @Override
  public final PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public final void setLogWriter(PrintWriter out) {
    // Logging goes through SLF4J.
  }

  @Override
  public final void setLoginTimeout(int seconds) {
    // The driver's connect timeout, or the pool's, applies.
  }

  @Override
  public final int getLoginTimeout() {
    return 0;
  }

  @Override
  public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public final <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public final boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
