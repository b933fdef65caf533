# syntax=docker/dockerfile:1
# Image of the edge-node agent, built from the repository root after `./mvnw -DskipTests package`:
#   docker build -f docker/edge-node.Dockerfile -t aioz/edge-node:0.1.0 .
FROM eclipse-temurin:21-jre

# Path of the agent's jar, relative to the build context (the repository root).
ARG JAR=edge-node/target/edge-node.jar

# Same numeric non-root user as the platform services (the chart runs every pod as 10001).
RUN groupadd --system --gid 10001 aioz \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin aioz \
    && mkdir -p /var/lib/edge-node \
    && chown 10001:10001 /var/lib/edge-node

WORKDIR /app
COPY --chown=10001:10001 ${JAR} /app/edge-node.jar

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    EDGE_PORT=9000 \
    EDGE_DATA_DIR=/var/lib/edge-node

# Pieces and the node's key: the key is the edge's identity, so keep this on a volume.
VOLUME ["/var/lib/edge-node"]
USER 10001:10001
EXPOSE 9000
ENTRYPOINT ["java", "-jar", "/app/edge-node.jar"]
