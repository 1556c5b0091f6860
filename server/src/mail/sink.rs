//! A small SMTP server that keeps what it receives: the tests' and the benchmark's mail
//! server. It speaks enough of RFC 5321 for lettre (EHLO, MAIL, RCPT, DATA, RSET, NOOP,
//! QUIT) over real TCP, and can be told to go silent on a message, as a server does
//! that dies while receiving it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as it arrived.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Behaviour {
    /// Never answer the end of this message's DATA (1 for the first message received),
    /// nor anything after it on that connection.
    pub stall_on: Option<usize>,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    arrived: tokio::sync::Notify,
}

pub struct Sink {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Sink {
    /// Listens on `addr` (port 0 for any free port).
    pub async fn start(addr: &str, behaviour: Behaviour) -> std::io::Result<Sink> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let task = tokio::spawn(accept(listener, shared.clone(), behaviour));
        Ok(Sink { addr, shared, task })
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().expect("sink lock").clone()
    }

    /// Waits until at least `count` messages arrived, or the time is up.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.shared.arrived.notified();
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return self.received();
            }
        }
    }

    /// Stops listening and drops every connection, as a crashed server would.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept(listener: TcpListener, shared: Arc<Shared>, behaviour: Behaviour) {
    // Connections live in the set: aborting this task drops and closes them all.
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(session(stream, shared.clone(), behaviour));
                }
                Err(error) => tracing::warn!(%error, "sink: accept failed"),
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>, behaviour: Behaviour) {
    if let Err(error) = converse(stream, &shared, behaviour).await {
        tracing::debug!(%error, "sink: connection ended");
    }
}

async fn converse(stream: TcpStream, shared: &Shared, behaviour: Behaviour) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 opendoor-sink ESMTP\r\n").await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-opendoor-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                from.clear();
                to.clear();
                b"250 OK\r\n"
            }
            "MAIL" => {
                from = address_in(&command);
                b"250 OK\r\n"
            }
            "RCPT" => {
                to.push(address_in(&command));
                b"250 OK\r\n"
            }
            "DATA" => {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut data = Vec::new();
                let mut raw = Vec::new();
                loop {
                    raw.clear();
                    if lines.read_until(b'\n', &mut raw).await? == 0 {
                        return Ok(());
                    }
                    if raw == b".\r\n" || raw == b".\n" {
                        break;
                    }
                    // Dot-stuffing: a leading dot was doubled by the sender.
                    let body = if raw.starts_with(b"..") {
                        &raw[1..]
                    } else {
                        &raw[..]
                    };
                    data.extend_from_slice(body);
                }
                let number = {
                    let mut received = shared.received.lock().expect("sink lock");
                    received.push(Received {
                        from: std::mem::take(&mut from),
                        to: std::mem::take(&mut to),
                        data,
                    });
                    received.len()
                };
                shared.arrived.notify_waiters();
                if behaviour.stall_on == Some(number) {
                    // Silent from here on: the sender never learns whether it arrived.
                    loop {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                    }
                }
                write
                    .write_all(format!("250 OK queued as {number}\r\n").as_bytes())
                    .await?;
                continue;
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// The address between angle brackets of `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_string())
        .unwrap_or_default()
}
