# mistake: w = w - lr * w.grad makes new tensors; the caller's w and b are never updated
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w = w - lr * w.grad
        b = b - lr * b.grad
    return loss.item()
