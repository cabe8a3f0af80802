package io.cityflow.devices.persistence;

import io.cityflow.secrets.DatabaseLogin;
import io.cityflow.secrets.LoginDataSource;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * A data source that keeps one open connection and lends it out, for a Lambda function, which
 * handles one batch at a time: it needs neither a pool nor a pool's threads and classes at its cold
 * start. {@link #openInBackground()} opens the connection on a thread of its own, so that the
 * driver's classes load and the database signs in while the caller does other work; the first
 * {@link #getConnection()} waits for it. A connection asked for while the held one is lent out
 * (Flyway does that) is a plain extra one, closed on {@code close()}. The held connection is
 * checked before it is lent when it has been idle for more than a second, and replaced when it is
 * closed or broken; {@link #evict()} closes it (before a SnapStart snapshot, whose sockets are dead
 * after a restore).
 */
public final class SingleConnectionDataSource extends LoginDataSource implements AutoCloseable {

  private static final long IDLE_CHECK_NANOS = 1_000_000_000L;

  private final String url;
  private final String driverClassName;
  private final DatabaseLogin login;
  private volatile Driver driver;
  private Connection held;
  private FutureTask<Connection> opening;
  private boolean lent;
  private long returnedAt;

  /**
   * @param driverClassName the JDBC driver, or {@code null} to derive it from the URL (PostgreSQL,
   *     H2), so that {@code DriverManager} need not look through every driver on the class path
   */
  public SingleConnectionDataSource(String url, String driverClassName, DatabaseLogin login) {
    this.url = url;
    this.driverClassName = driverClassName;
    this.login = login;
  }

  /** Starts opening the connection on another thread, unless one is open or opening. */
  public synchronized void openInBackground() {
    if (held != null || opening != null) {
      return;
    }
    // An inner class rather than a method reference: the first lambda of a JVM is expensive, and
    // this runs before anything else of the function has had to create one.
    FutureTask<Connection> task =
        new FutureTask<>(
            new Callable<Connection>() {
              @Override
              public Connection call() throws SQLException {
                return connect();
              }
            });
    Thread thread = new Thread(task, "device-db-connect");
    thread.setDaemon(true);
    thread.start();
    if (url.startsWith("jdbc:postgresql:")) {
      JdkWarmUp.start();
    }
    opening = task;
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    if (lent) {
      return connect();
    }
    Connection connection = takeHeld();
    lent = true;
    return new Lent(connection);
  }

  private Connection takeHeld() throws SQLException {
    if (opening != null) {
      FutureTask<Connection> task = opening;
      opening = null;
      try {
        held = task.get();
        return held;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while connecting to the database", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw new SQLException("cannot connect to the database", e.getCause());
      }
    }
    if (held != null
        && (held.isClosed()
            || (System.nanoTime() - returnedAt > IDLE_CHECK_NANOS && !held.isValid(5)))) {
      closeQuietly(held);
      held = null;
    }
    if (held == null) {
      held = connect();
    }
    return held;
  }

  private synchronized void giveBack(Connection connection) {
    lent = false;
    returnedAt = System.nanoTime();
    if (connection != held) {
      closeQuietly(connection);
      return;
    }
    try {
      if (connection.isClosed()) {
        held = null;
      } else if (!connection.getAutoCommit()) {
        // Whatever the borrower left open must not leak into the next batch.
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      closeQuietly(connection);
      held = null;
    }
  }

  /** Closes the held connection (not one that is lent out); the next borrower opens a new one. */
  public synchronized void evict() {
    if (opening != null) {
      try {
        held = opening.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // Nothing was opened, so nothing is left to close.
      }
      opening = null;
    }
    if (held != null && !lent) {
      closeQuietly(held);
      held = null;
    }
  }

  /** Whether a connection is open (held or lent) or opening. */
  public synchronized boolean holdsConnection() {
    return held != null || opening != null;
  }

  @Override
  public synchronized void close() {
    evict();
  }

  private Connection connect() throws SQLException {
    return DatabaseLogin.connect(login, driver(), url, settings());
  }

  /**
   * On PostgreSQL, {@code assumeMinServerVersion=9.0} unless the URL says otherwise: the driver
   * then sends the application name with the start-up message instead of a {@code SET} round trip
   * after it (every server it supports is newer).
   */
  private Properties settings() {
    Properties settings = new Properties();
    if (url.startsWith("jdbc:postgresql:") && !url.contains("assumeMinServerVersion")) {
      settings.setProperty("assumeMinServerVersion", "9.0");
    }
    return settings;
  }

  /** Not synchronized: the connecting thread needs it while a borrower waits for that thread. */
  private Driver driver() throws SQLException {
    if (driver == null) {
      String name = driverClassName != null ? driverClassName : driverFor(url);
      if (name == null) {
        driver = java.sql.DriverManager.getDriver(url);
      } else {
        try {
          driver =
              (Driver)
                  Class.forName(name, true, SingleConnectionDataSource.class.getClassLoader())
                      .getDeclaredConstructor()
                      .newInstance();
        } catch (ReflectiveOperationException e) {
          throw new SQLException("cannot load the JDBC driver " + name, e);
        }
      }
    }
    return driver;
  }

  private static String driverFor(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    if (url.startsWith("jdbc:h2:")) {
      return "org.h2.Driver";
    }
    return null;
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // It is being dropped anyway.
    }
  }

  /** The held connection as the borrower sees it: {@code close()} gives it back. */
  private final class Lent implements Connection {
    private Connection connection;

    private Lent(Connection connection) {
      this.connection = connection;
    }

    private Connection open() throws SQLException {
      if (connection == null) {
        throw new SQLException("the connection was given back");
      }
      return connection;
    }

    @Override
    public void close() throws SQLException {
      if (connection != null) {
        Connection returned = connection;
        connection = null;
        giveBack(returned);
      }
    }

    @Override
    public boolean isClosed() throws SQLException {
      return connection == null || connection.isClosed();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return type.isInstance(this) ? type.cast(this) : open().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return type.isInstance(this) || open().isWrapperFor(type);
    }

    @Override
    public Statement createStatement() throws SQLException {
      return open().createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String a0) throws SQLException {
      return open().prepareStatement(a0);
    }

    @Override
    public CallableStatement prepareCall(String a0) throws SQLException {
      return open().prepareCall(a0);
    }

    @Override
    public String nativeSQL(String a0) throws SQLException {
      return open().nativeSQL(a0);
    }

    @Override
    public void setAutoCommit(boolean a0) throws SQLException {
      open().setAutoCommit(a0);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
      return open().getAutoCommit();
    }

    @Override
    public void commit() throws SQLException {
      open().commit();
    }

    @Override
    public void rollback() throws SQLException {
      open().rollback();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
      return open().getMetaData();
    }

    @Override
    public void setReadOnly(boolean a0) throws SQLException {
      open().setReadOnly(a0);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
      return open().isReadOnly();
    }

    @Override
    public void setCatalog(String a0) throws SQLException {
      open().setCatalog(a0);
    }

    @Override
    public String getCatalog() throws SQLException {
      return open().getCatalog();
    }

    @Override
    public void setTransactionIsolation(int a0) throws SQLException {
      open().setTransactionIsolation(a0);
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
      return open().getTransactionIsolation();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      return open().getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
      open().clearWarnings();
    }

    @Override
    public Statement createStatement(int a0, int a1) throws SQLException {
      return open().createStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
      return open().prepareStatement(a0, a1, a2);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
      return open().prepareCall(a0, a1, a2);
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
      return open().getTypeMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
      open().setTypeMap(a0);
    }

    @Override
    public void setHoldability(int a0) throws SQLException {
      open().setHoldability(a0);
    }

    @Override
    public int getHoldability() throws SQLException {
      return open().getHoldability();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
      return open().setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String a0) throws SQLException {
      return open().setSavepoint(a0);
    }

    @Override
    public void rollback(Savepoint a0) throws SQLException {
      open().rollback(a0);
    }

    @Override
    public void releaseSavepoint(Savepoint a0) throws SQLException {
      open().releaseSavepoint(a0);
    }

    @Override
    public Statement createStatement(int a0, int a1, int a2) throws SQLException {
      return open().createStatement(a0, a1, a2);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3)
        throws SQLException {
      return open().prepareStatement(a0, a1, a2, a3);
    }

    @Override
    public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
      return open().prepareCall(a0, a1, a2, a3);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
      return open().prepareStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
      return open().prepareStatement(a0, a1);
    }

    @Override
    public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
      return open().prepareStatement(a0, a1);
    }

    @Override
    public Clob createClob() throws SQLException {
      return open().createClob();
    }

    @Override
    public Blob createBlob() throws SQLException {
      return open().createBlob();
    }

    @Override
    public NClob createNClob() throws SQLException {
      return open().createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
      return open().createSQLXML();
    }

    @Override
    public boolean isValid(int a0) throws SQLException {
      return open().isValid(a0);
    }

    @Override
    public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
      try {
        open().setClientInfo(a0, a1);
      } catch (SQLClientInfoException e) {
        throw e;
      } catch (SQLException e) {
        throw new SQLClientInfoException(
            e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
      }
    }

    @Override
    public void setClientInfo(Properties a0) throws SQLClientInfoException {
      try {
        open().setClientInfo(a0);
      } catch (SQLClientInfoException e) {
        throw e;
      } catch (SQLException e) {
        throw new SQLClientInfoException(
            e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
      }
    }

    @Override
    public String getClientInfo(String a0) throws SQLException {
      return open().getClientInfo(a0);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
      return open().getClientInfo();
    }

    @Override
    public Array createArrayOf(String a0, Object[] a1) throws SQLException {
      return open().createArrayOf(a0, a1);
    }

    @Override
    public Struct createStruct(String a0, Object[] a1) throws SQLException {
      return open().createStruct(a0, a1);
    }

    @Override
    public void setSchema(String a0) throws SQLException {
      open().setSchema(a0);
    }

    @Override
    public String getSchema() throws SQLException {
      return open().getSchema();
    }

    @Override
    public void abort(Executor a0) throws SQLException {
      open().abort(a0);
    }

    @Override
    public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
      open().setNetworkTimeout(a0, a1);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
      return open().getNetworkTimeout();
    }
  }
}
