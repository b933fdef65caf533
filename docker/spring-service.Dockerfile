# syntax=docker/dockerfile:1
# Image of any Spring Boot service of the platform, built from the repository root after
# `./mvnw -DskipTests package`, with the service's executable jar as a build argument:
#   docker build -f docker/spring-service.Dockerfile \
#     --build-arg JAR=services/ledger-service/target/ledger-service-0.1.0-SNAPSHOT-exec.jar \
#     --build-arg PORT=8081 -t aioz/ledger-service:0.1.0 .
FROM eclipse-temurin:21-jre

# Path of the executable jar, relative to the build context (the repository root).
ARG JAR
# HTTP port the service listens on (documentation only: the service's own setting decides).
ARG PORT=8080

# A fixed numeric non-root user, the one the Helm chart's podSecurityContext runs as.
RUN groupadd --system --gid 10001 aioz \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin aioz

WORKDIR /app
COPY --chown=10001:10001 ${JAR} /app/app.jar

# Heap from the container's memory limit; exit on OOM so the orchestrator restarts a clean JVM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE ${PORT}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
