package io.cityflow.devices.persistence;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

class JdbcDeviceStoreH2Test extends JdbcDeviceStoreContract {
  private final JdbcDataSource dataSource = new JdbcDataSource();

  JdbcDeviceStoreH2Test() {
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
