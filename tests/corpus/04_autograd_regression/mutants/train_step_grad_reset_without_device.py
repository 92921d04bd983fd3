# mistake: resets the gradients by assigning torch.zeros(1, 1) made without device=, a CPU gradient that a parameter on a GPU refuses
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad = torch.zeros(1, 1, dtype=w.dtype)
        b.grad = torch.zeros(1, 1, dtype=b.dtype)
    return loss.item()
