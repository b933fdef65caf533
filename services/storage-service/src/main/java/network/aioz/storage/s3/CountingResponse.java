package network.aioz.storage.s3;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/** Counts the body bytes a response sends, for egress metering. */
final class CountingResponse extends HttpServletResponseWrapper {

  private ServletOutputStream counting;
  private long bytes;

  CountingResponse(HttpServletResponse response) {
    super(response);
  }

  long bytes() {
    return bytes;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (counting == null) {
      ServletOutputStream out = super.getOutputStream();
      counting =
          new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
              out.write(b);
              bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
              bytes += len;
            }

            @Override
            public void flush() throws IOException {
              out.flush();
            }

            @Override
            public void close() throws IOException {
              out.close();
            }

            @Override
            public boolean isReady() {
              return out.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              out.setWriteListener(listener);
            }
          };
    }
    return counting;
  }
}
