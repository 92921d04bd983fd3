# mistake: never zeroes the gradients, so every step uses the sum of all past gradients
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        history.append((w.item(), b.item()))
    return history
