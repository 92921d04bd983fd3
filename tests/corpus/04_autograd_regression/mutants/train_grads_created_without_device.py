# mistake: starts every step from gradients made with torch.zeros(w.shape) without device=, on the CPU while w may be on a GPU
# targets: test_train
# %% train
def train(x, y, w, b, lr, steps):
    history = []
    for _ in range(steps):
        w.grad = torch.zeros(w.shape, dtype=w.dtype)
        b.grad = torch.zeros(b.shape, dtype=b.dtype)
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        history.append((w.item(), b.item()))
    return history
