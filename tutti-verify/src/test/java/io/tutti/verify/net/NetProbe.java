package io.tutti.verify.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny TCP agent that tests start inside a namespace ({@code ip netns exec NS java ... NetProbe}), driven by lines
 * on stdin, answering on stdout. JDK only, so its classpath is just the test classes.
 *
 * <pre>
 * listen HOST PORT              -> listening | failed listen EXCEPTION; then "recv TEXT" per line received
 * connect NAME HOST PORT MS     -> connected NAME | failed NAME EXCEPTION
 * send NAME TEXT                -> sent NAME | failed NAME EXCEPTION
 * </pre>
 * End of stdin ends the probe.
 */
public final class NetProbe {
  private static final Map<String, Socket> CONNECTIONS = new HashMap<>();

  private NetProbe() {}

  public static void main(String[] args) throws IOException {
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    say("ready");
    for (String line = input.readLine(); line != null; line = input.readLine()) {
      String[] words = line.split(" ", 5);
      switch (words[0]) {
        case "listen" -> listen(words[1], Integer.parseInt(words[2]));
        case "connect" -> connect(words[1], words[2], Integer.parseInt(words[3]), Integer.parseInt(words[4]));
        case "send" -> send(words[1], line.substring(("send " + words[1] + " ").length()));
        default -> say("failed unknown-command " + words[0]);
      }
    }
    System.exit(0);
  }

  private static void listen(String host, int port) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      Thread.ofPlatform().daemon().start(() -> acceptForever(server));
      say("listening");
    } catch (IOException e) {
      say("failed listen " + e.getClass().getSimpleName());
    }
  }

  private static void acceptForever(ServerSocket server) {
    while (true) {
      try {
        Socket accepted = server.accept();
        Thread.ofPlatform().daemon().start(() -> receive(accepted));
      } catch (IOException e) {
        say("failed accept " + e.getClass().getSimpleName());
        return;
      }
    }
  }

  private static void receive(Socket socket) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        say("recv " + line);
      }
    } catch (IOException e) {
      say("failed receive " + e.getClass().getSimpleName());
    }
  }

  private static void connect(String name, String host, int port, int timeoutMs) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      CONNECTIONS.put(name, socket);
      say("connected " + name);
    } catch (IOException e) {
      say("failed " + name + " " + e.getClass().getSimpleName());
    }
  }

  private static void send(String name, String text) {
    try {
      OutputStream output = CONNECTIONS.get(name).getOutputStream();
      output.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      output.flush();
      say("sent " + name);
    } catch (IOException e) {
      say("failed " + name + " " + e.getClass().getSimpleName());
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
