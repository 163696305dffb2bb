package io.hivesafe.hive.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** An endpoint in a line never shows its user info, path or query: where paid APIs put their tokens. */
class EndpointTextTest {
  @Test
  void secretsInTheUrlNeverReachTheLine() {
    assertEquals("https://api.example:443", EndpointText.of(URI.create("https://api.example")));
    assertEquals("http://127.0.0.1:8090", EndpointText.of(URI.create("http://127.0.0.1:8090/")));
    String token = EndpointText.of(URI.create("https://user:s3cret@api.example:8443/rpc/T0KEN?api_key=K3Y#F"));
    assertEquals("https://api.example:8443/…", token);
    for (String secret : new String[] {"s3cret", "T0KEN", "K3Y", "user"}) {
      assertFalse(token.contains(secret), secret);
    }
    assertEquals("http://api.example:80/…", EndpointText.of(URI.create("http://api.example/?key=1")));
  }

  @Test
  void failuresAndWrongChainErrorsNameTheEndpointSo() {
    URI secret = URI.create("https://user:s3cret@api.example/?api_key=K3Y");
    String failure = new EndpointFailure(secret, "HTTP 401").toString();
    assertEquals("https://api.example:443/… (HTTP 401)", failure);
    String wrong = new WrongChainException("database_api.get_config", secret, io.hivesafe.hive.protocol.ChainId.MAINNET,
        io.hivesafe.hive.protocol.ChainId.TESTNET).getMessage();
    assertFalse(wrong.contains("s3cret") || wrong.contains("K3Y"), wrong);
  }
}
