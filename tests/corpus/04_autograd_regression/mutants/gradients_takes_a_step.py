# mistake: also updates w and b with the gradient, modifying the caller's parameters
# targets: test_gradients
# %% gradients
def gradients(objective, x, y, w, b):
    objective(x, y, w, b).backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
        b -= 0.01 * b.grad
    return w.grad, b.grad
