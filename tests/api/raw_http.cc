#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace qiancheng::testing {

namespace {

int ConnectLoopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n =
        ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// The length of the first complete response in `buffer` (headers and a
// Content-Length body), or 0 while it is incomplete.
size_t CompleteResponse(const std::string& buffer) {
  size_t head_end = buffer.find("\r\n\r\n");
  if (head_end == std::string::npos) return 0;
  size_t cl = buffer.find("Content-Length: ");
  size_t length = 0;
  if (cl != std::string::npos && cl < head_end)
    length = std::stoul(buffer.substr(cl + 16));
  return buffer.size() >= head_end + 4 + length ? head_end + 4 + length : 0;
}

// Reads into `buffer` until it holds one complete response, the peer closes,
// or `timeout_ms` pass without data.
void ReadOne(int fd, std::string& buffer, int timeout_ms) {
  char buf[4096];
  pollfd p{fd, POLLIN, 0};
  while (CompleteResponse(buffer) == 0 && ::poll(&p, 1, timeout_ms) > 0) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    buffer.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

std::string RawHttp(int port, const std::string& request, int timeout_ms) {
  int fd = ConnectLoopback(port);
  if (fd < 0) return "";
  std::string response;
  if (SendAll(fd, request)) ReadOne(fd, response, timeout_ms);
  ::close(fd);
  return response;
}

RawConnection::RawConnection(int port) : fd_(ConnectLoopback(port)) {}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::Send(const std::string& bytes) {
  return fd_ >= 0 && SendAll(fd_, bytes);
}

std::string RawConnection::ReadResponse(int timeout_ms) {
  if (fd_ < 0) return "";
  ReadOne(fd_, pending_, timeout_ms);
  size_t n = CompleteResponse(pending_);
  if (n == 0) n = pending_.size();
  std::string response = pending_.substr(0, n);
  pending_.erase(0, n);
  return response;
}

int StatusOf(const std::string& response) {
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return -1;
  return std::stoi(response.substr(9, 3));
}

std::string FilesContaining(const std::string& dir, const std::string& needle) {
  std::string found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos)
      found += entry.path().string() + " ";
  }
  return found;
}

}  // namespace qiancheng::testing
